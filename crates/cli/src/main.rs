//! The `clienteling` binary: parse the command line, set up logging, dispatch.
#![forbid(unsafe_code)]

mod cli;
mod demo;
mod demo_books;
mod demo_engagement;
mod demo_follow_ups;
mod demo_outreach;
mod export;
mod generate;
mod import;
mod insights_cmd;
mod names;
mod run;
// uigaps
mod msg;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let args = cli::Cli::parse();
    run::init_tracing(&args.log_format);
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let detail = e.to_string();
            eprintln!(
                "{}",
                msg::t_args("cli-error-runtime", &[("detail", detail.into())])
            );
            return std::process::ExitCode::FAILURE;
        }
    };
    match rt.block_on(run::dispatch(args)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let detail = format!("{e:#}");
            eprintln!("{}", msg::t_args("cli-error", &[("detail", detail.into())]));
            std::process::ExitCode::FAILURE
        }
    }
}
