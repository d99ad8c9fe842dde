fn main() -> std::process::ExitCode {
    pmctl::cli::main()
}
