//! Property tests of import parsing: customers written as CSV (any column
//! order, header case, delimiter and quoting) parse back to exactly what was
//! written; arbitrary bytes never panic the reader or the row parser; time
//! and amount formats round-trip and never panic on any text.

use super::Importer;
use super::customers::{Customers, header};
use super::source::{self, Fields};
use super::values::{format_amount, format_time, parse_amount, parse_bool, parse_time};
use clienteling_domain::ids::CompanyId;
use clienteling_store::BulkCustomer;
use proptest::prelude::*;

const NAME: &str = "[A-Za-zÄÖäöėš][A-Za-zäöėš ,;\"'|-]{0,15}[A-Za-zäö]";

fn customer() -> impl Strategy<Value = BulkCustomer> {
    (
        ("[A-Za-z0-9][A-Za-z0-9._-]{0,11}", NAME, NAME),
        proptest::option::of("[a-z0-9.]{1,8}@[a-z]{1,8}\\.(fi|lt|com)"),
        proptest::option::of("\\+?[0-9]{5,12}"),
        proptest::option::of(NAME),
        any::<bool>(),
        proptest::option::of(0i64..4_000_000_000_000_000),
        proptest::collection::vec("[a-z][a-z0-9]{1,4}", 0..3),
    )
        .prop_map(
            |((account, first, last), email, phone, city, consent, at, books)| BulkCustomer {
                account,
                first_name: first,
                last_name: last,
                email,
                phone,
                city,
                consent,
                consent_at: at,
                address_books: books,
                ..Default::default()
            },
        )
}

/// The cells of `c` under the customers header.
fn cells(c: &BulkCustomer, spelling: usize) -> Vec<String> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let yes = ["true", "yes", "Y", "1"][spelling % 4];
    let no = ["false", "no", "N", "0"][spelling % 4];
    let sep = [",", ";", "|", " "][spelling % 4];
    header()
        .into_iter()
        .map(|h| match h {
            "account" => c.account.clone(),
            "first_name" => c.first_name.clone(),
            "last_name" => c.last_name.clone(),
            "email" => opt(&c.email),
            "phone" => opt(&c.phone),
            "city" => opt(&c.city),
            "consent" => (if c.consent { yes } else { no }).to_owned(),
            "consent_at" => c.consent_at.map(format_time).unwrap_or_default(),
            "address_books" => c.address_books.join(sep),
            _ => String::new(),
        })
        .collect()
}

/// Read a customers CSV the way the import pipeline does.
fn parse(bytes: &[u8], delimiter: u8) -> anyhow::Result<Vec<Result<BulkCustomer, String>>> {
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(bytes);
    let head = csv.byte_headers()?.clone();
    let names = source::header_names(&head);
    let mut importer = Customers::new(CompanyId::new());
    let index = source::resolve(importer.columns(), &names, &[])?;
    importer.bind(&index, &names)?;
    let mut out = Vec::new();
    for record in csv.byte_records() {
        let record = record?;
        let fields = Fields {
            record: &record,
            index: &index,
            columns: importer.columns(),
        };
        out.push(importer.parse(&fields));
    }
    Ok(out)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn customers_written_as_csv_parse_back_unchanged(
        people in proptest::collection::vec(customer(), 1..6),
        order in Just((0..header().len()).collect::<Vec<_>>()).prop_shuffle(),
        upper in any::<bool>(),
        bom in any::<bool>(),
        delimiter in prop::sample::select(vec![b',', b';', b'\t']),
        spelling in 0usize..4,
    ) {
        let names = header();
        let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
        let head: Vec<String> = order
            .iter()
            .map(|&i| if upper { names[i].to_uppercase() } else { names[i].to_owned() })
            .collect();
        w.write_record(&head).unwrap();
        for p in &people {
            let row = cells(p, spelling);
            w.write_record(order.iter().map(|&i| &row[i])).unwrap();
        }
        let mut bytes = if bom { b"\xef\xbb\xbf".to_vec() } else { Vec::new() };
        bytes.extend(w.into_inner().unwrap());
        let parsed = parse(&bytes, delimiter).unwrap();
        prop_assert_eq!(parsed.len(), people.len());
        for (got, want) in parsed.into_iter().zip(&people) {
            prop_assert_eq!(got.as_ref(), Ok(want));
        }
    }

    #[test]
    fn any_bytes_never_panic_the_reader_or_the_parser(
        body in proptest::collection::vec(any::<u8>(), 0..400),
        text in "[a-zA-Z0-9,;\"\n\r äö@.+:-]{0,300}",
    ) {
        let _ = parse(&body, b',');
        let with_header = format!("account,first_name,last_name,email,consent,consent_at,address_books\n{text}");
        let _ = parse(with_header.as_bytes(), b',');
    }

    #[test]
    fn times_round_trip_and_any_text_is_a_time_or_an_error(
        micros in -62_000_000_000_000_000i64..250_000_000_000_000_000,
        text in "\\PC{0,40}",
        date in "[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}(:[0-9]{2})?)?",
    ) {
        prop_assert_eq!(parse_time(&format_time(micros)), Ok(micros));
        let _ = parse_time(&text);
        let _ = parse_time(&date);
    }

    #[test]
    fn amounts_round_trip_and_any_text_is_an_amount_or_an_error(
        minor in -1_000_000_000_000_000i64..1_000_000_000_000_000,
        text in "\\PC{0,30}",
        number in "-?[0-9]{0,20}([.,][0-9]{0,3})?",
    ) {
        prop_assert_eq!(parse_amount(&format_amount(minor)), Ok(minor));
        let _ = parse_amount(&text);
        let _ = parse_amount(&number);
        let _ = parse_bool(&text);
    }
}
