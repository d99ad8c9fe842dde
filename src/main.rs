// Parsing allocates many short-lived strings on every worker thread; mimalloc handles that
// pattern with far less contention and overhead than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    pmctl::cli::main()
}
