public import ArgumentParser
import ReportPipeline

/// The options of sending: the email over SMTP, the summary to Slack and Teams. Secrets come
/// from files or the environment, never from an option's value.
public struct SendOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Send report.eml through this SMTP server: smtp://[user@]host[:587] (STARTTLS required) or smtps://[user@]host[:465]. The user is percent-encoded (reports%40example.com); the password comes from $SMTP_PASSWORD or --smtp-password-file.",
            valueName: "url"))
    var smtpUrl: String?

    @Option(help: ArgumentHelp("A file holding the SMTP password (default: $SMTP_PASSWORD).", valueName: "path"))
    var smtpPasswordFile: String?

    @Option(
        help: ArgumentHelp(
            "Trust the CA certificates of this PEM file for the SMTP server (a company's private CA) instead of the system's (default: $SSL_CERT_FILE).",
            valueName: "path"))
    var smtpCaFile: String?

    @Flag(help: "STARTTLS only when the server offers it: for a relay on this machine (with a password, loopback only).")
    var smtpInsecure = false

    @Option(help: ArgumentHelp("A file holding a Slack incoming-webhook URL: post the findings and numbers there.", valueName: "path"))
    var slackWebhookFile: String?

    @Option(
        help: ArgumentHelp(
            "A file holding a Microsoft Teams workflow webhook URL: post the findings and numbers there as an Adaptive Card.",
            valueName: "path"))
    var teamsWebhookFile: String?

    @Flag(
        help:
            "With several inputs or projects: one message for the whole run (the index's table), after the index, instead of one per report."
    )
    var digest = false

    @Flag(help: "Print what would be sent to whom, and send nothing.")
    var dryRunSend = false

    /// Refused with an explanation: a password on the command line lands in shell history and process lists.
    @Option(help: .hidden)
    var smtpPassword: String?

    /// Refused with an explanation, as --smtp-password.
    @Option(help: .hidden)
    var slackWebhook: String?

    /// Refused with an explanation, as --smtp-password.
    @Option(help: .hidden)
    var teamsWebhook: String?

    public init() {}

    public func validate() throws {
        if smtpPassword != nil {
            throw ValidationError(
                "--smtp-password is not accepted: a password on the command line lands in shell history and process lists. Put it in SMTP_PASSWORD or in a file given with --smtp-password-file"
            )
        }
        if slackWebhook != nil || teamsWebhook != nil {
            throw ValidationError(
                "a webhook URL is a secret (whoever has it can post): put it in a file and give --slack-webhook-file or --teams-webhook-file"
            )
        }
    }

    /// Whether an email must be made to be sent.
    var needsEmail: Bool { smtpUrl != nil }

    /// The options as the pipeline takes them.
    func settings(timeout: Double, retryBaseDelay: Double, reportURL: String?) -> SendSettings {
        var s = SendSettings()
        s.smtpURL = smtpUrl
        s.smtpInsecure = smtpInsecure
        s.smtpPasswordFile = smtpPasswordFile
        s.smtpCAFile = smtpCaFile
        s.slackWebhookFile = slackWebhookFile
        s.teamsWebhookFile = teamsWebhookFile
        s.reportURL = reportURL
        s.digest = digest
        s.dryRun = dryRunSend
        s.timeout = timeout
        s.retry.baseDelay = retryBaseDelay
        return s
    }
}
