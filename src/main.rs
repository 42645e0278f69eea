fn main() {
    std::process::exit(govreport::cli::main());
}
