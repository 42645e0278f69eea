//! The `govreport` binary: the command line of `govreport::cli`, its exit code.

fn main() {
    std::process::exit(govreport::cli::main());
}
