public import ActivityModel
public import Charts
public import Insights
import ReportRendering

/// What `--email` adds to the output folder: `charts/*.png`, `email.html` and `report.eml`.
public struct EmailOptions: Sendable, Equatable {
    public var from: String
    public var to: [String]
    /// `Cc`: in the message's header, and recipients of the envelope.
    public var cc: [String]
    /// `Bcc`: recipients of the envelope only, never written into the message.
    public var bcc: [String]
    /// Nil: "TITLE: the 7 days to 11 Feb 2026".
    public var subject: String?

    public init(
        from: String = "ActivityReport <activityreport@localhost>", to: [String] = [], cc: [String] = [], bcc: [String] = [],
        subject: String? = nil
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.subject = subject
    }

    /// Parses the addresses now, so a bad one is a usage error before anything is computed.
    public func validate() throws(DeliveryError) {
        _ = try MIMEHeader.Mailbox(parsing: from)
        for address in to + cc + bcc { _ = try MIMEHeader.Mailbox(parsing: address) }
    }

    /// The envelope: the sender's bare address, and every recipient's (To, Cc, then Bcc; each once).
    public func envelope() throws(DeliveryError) -> (from: String, recipients: [String]) {
        var seen: Set<String> = []
        var recipients: [String] = []
        for text in to + cc + bcc {
            let address = try MIMEHeader.Mailbox(parsing: text).address
            if seen.insert(address.lowercased()).inserted { recipients.append(address) }
        }
        return (try MIMEHeader.Mailbox(parsing: from).address, recipients)
    }
}

public enum EmailPackage {
    /// "the 7 days to 11 Feb 2026" (or "no daily data"), for the default subject.
    public static func period(_ insights: Insights) -> String {
        guard let asOf = insights.trend.asOf else { return "no daily data" }
        return "the 7 days to \(asOf.long)"
    }

    /// The plain-text part: the summary, then where the full report is (a link, or the output
    /// folder: the email carries neither report.html nor data/*.csv).
    public static func plainText(summary: [UInt8], reportURL: String?) -> [UInt8] {
        var text = summary
        while text.last == 0x0A { text.removeLast() }
        let line = reportURL.map { "The full report: <" + $0 + ">" } ?? "_" + EmailHTML.fullReportInOutputFolder + "_"
        return text + Array(("\n\n" + line + "\n").utf8)
    }

    /// The files to add, in writing order. `plainText` is summary.md (with the checks);
    /// `reportURL` (`--report-url`) is where the full report is published; `sparkline` (with
    /// `--history`) is the compact "Over time" drawn beside the headline numbers.
    public static func files(
        title: String, insights: Insights, activity: UserActivity, charts: ChartSet, sparkline: RenderedChart? = nil,
        plainText: [UInt8], generatedAt: Int64, options: EmailOptions, reportURL: String? = nil
    ) throws(DeliveryError) -> [(path: String, bytes: [UInt8])] {
        var files: [(path: String, bytes: [UInt8])] = []
        var pageFigures: [EmailHTML.Figure] = []
        var mailFigures: [EmailHTML.Figure] = []
        var images: [MailMessage.InlineImage] = []
        let drawn = charts.charts + (sparkline.map { [$0] } ?? [])
        let pngs = try PNGRenderer.render(svgs: drawn.map { $0.svgBytes() }, scale: 2)
        for (chart, image) in zip(drawn, pngs) {
            files.append(("charts/\(chart.name).png", image.png))
            let cid = "\(chart.name)@activityreport"
            pageFigures.append(.init(chart: chart, source: "charts/\(chart.name).png", width: image.cssWidth, height: image.cssHeight))
            mailFigures.append(.init(chart: chart, source: "cid:\(cid)", width: image.cssWidth, height: image.cssHeight))
            images.append(.init(contentID: cid, filename: "\(chart.name).png", png: image.png))
        }
        // The sparkline is drawn last and shown first: beside the headline numbers.
        let trend = sparkline == nil ? 0 : 1
        let period = HTMLReport.periodLine(insights, ReportOptions(title: title, generatedAt: generatedAt))
        let url = reportURL.flatMap { ReportOptions.problem(reportURL: $0) == nil ? $0 : nil }
        files.append(
            (
                "email.html",
                EmailHTML.render(
                    title: title, period: period, insights: insights, activity: activity, figures: pageFigures.dropLast(trend),
                    trend: pageFigures.suffix(trend).first, reportURL: url)
            ))
        let html = EmailHTML.render(
            title: title, period: period, insights: insights, activity: activity, figures: mailFigures.dropLast(trend),
            trend: mailFigures.suffix(trend).first, reportURL: url)
        var message = MailMessage(
            from: try MIMEHeader.Mailbox(parsing: options.from),
            to: try mailboxes(options.to),
            subject: options.subject ?? "\(title): \(EmailPackage.period(insights))",
            date: generatedAt, text: EmailPackage.plainText(summary: plainText, reportURL: url), html: html, images: images)
        message.cc = try mailboxes(options.cc)
        files.append(("report.eml", message.serialize()))
        return files
    }

    /// Parsed addresses.
    public static func mailboxes(_ texts: [String]) throws(DeliveryError) -> [MIMEHeader.Mailbox] {
        try texts.map { (a: String) throws(DeliveryError) -> MIMEHeader.Mailbox in try MIMEHeader.Mailbox(parsing: a) }
    }
}
