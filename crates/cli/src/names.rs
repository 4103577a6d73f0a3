//! Realistic Finnish and Lithuanian names and places for the demo data.

/// Finnish given names.
pub const FI_FIRST: &[&str] = &[
    "Aino", "Eino", "Helmi", "Väinö", "Sofia", "Onni", "Aada", "Leevi", "Emma", "Eetu", "Ella",
    "Veeti", "Olivia", "Elias", "Venla", "Oliver", "Lilja", "Niilo", "Kerttu", "Aleksi", "Iida",
    "Juho", "Saara", "Matias", "Pihla", "Lauri", "Anni", "Tuomas", "Kaisa", "Mikko", "Riikka",
    "Antti", "Sanna", "Jussi",
];

/// Finnish family names.
pub const FI_LAST: &[&str] = &[
    "Korhonen",
    "Virtanen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Lehtinen",
    "Saarinen",
    "Salminen",
    "Heinonen",
    "Niemi",
    "Heikkilä",
    "Kinnunen",
    "Salonen",
    "Turunen",
    "Salo",
    "Laitinen",
    "Tuominen",
    "Rantanen",
    "Karjalainen",
    "Jokinen",
    "Mattila",
    "Savolainen",
    "Lahtinen",
    "Ahonen",
];

/// Lithuanian given names.
pub const LT_FIRST: &[&str] = &[
    "Jonas", "Tomas", "Lukas", "Mantas", "Darius", "Paulius", "Andrius", "Marius", "Rūta", "Ieva",
    "Greta", "Eglė", "Gabija", "Austėja", "Kotryna", "Ugnė", "Milda", "Emilija", "Vytautas",
    "Rokas", "Domantas", "Aistė", "Indrė", "Justė",
];

/// Lithuanian family names (masculine forms; the demo uses them for everyone).
pub const LT_LAST: &[&str] = &[
    "Kazlauskas",
    "Jankauskas",
    "Petrauskas",
    "Stankevičius",
    "Vasiliauskas",
    "Žukauskas",
    "Butkus",
    "Paulauskas",
    "Urbonas",
    "Kavaliauskas",
    "Baranauskas",
    "Pocius",
    "Navickas",
    "Sakalauskas",
    "Rimkus",
    "Adomaitis",
    "Šimkus",
    "Lukoševičius",
    "Mockus",
    "Ramanauskas",
];

/// Streets by city.
pub const STREETS: &[(&str, &[&str])] = &[
    (
        "Helsinki",
        &[
            "Mannerheimintie",
            "Aleksanterinkatu",
            "Bulevardi",
            "Fredrikinkatu",
            "Hämeentie",
        ],
    ),
    (
        "Tampere",
        &[
            "Hämeenkatu",
            "Satakunnankatu",
            "Pirkankatu",
            "Hatanpään valtatie",
        ],
    ),
    (
        "Vilnius",
        &[
            "Gedimino pr.",
            "Pilies g.",
            "Vokiečių g.",
            "Konstitucijos pr.",
        ],
    ),
];

/// Turn a name into an e-mail local part: lower case, ASCII only.
pub fn ascii_slug(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c.to_lowercase().next()? {
            'ä' | 'å' | 'ą' => Some('a'),
            'ö' => Some('o'),
            'ė' | 'ę' => Some('e'),
            'č' => Some('c'),
            'š' => Some('s'),
            'ž' => Some('z'),
            'ū' | 'ų' => Some('u'),
            'į' => Some('i'),
            c if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}
