import ArgumentParser

extension ReportCommand {
    /// The async entry point, spelled out: in `main.swift`, `ReportCommand.main()` would pick the
    /// synchronous one, which cannot run an async command.
    public static func runAsMain() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
