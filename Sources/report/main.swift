import ReportCLI

await ReportCommand.runAsMain()
