public import Charts
public import Insights

/// What `--email` adds to the output folder: `charts/*.png`, `email.html` and `report.eml`.
public struct EmailOptions: Sendable, Equatable {
    public var from: String
    public var to: [String]
    /// `Cc`: in the message's header, and recipients of the envelope.
    public var cc: [String]
    /// `Bcc`: recipients of the envelope only, never written into the message.
    public var bcc: [String]
    /// Nil: "TITLE: week to YYYY-MM-DD".
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
    /// "week to 2026-02-11" (or "no daily data").
    public static func period(_ insights: Insights) -> String {
        guard let asOf = insights.trend.asOf else { return "no daily data" }
        return "the 7 days to \(asOf.iso)"
    }

    /// The files to add, in writing order.
    public static func files(
        title: String, insights: Insights, charts: ChartSet, plainText: [UInt8], generatedAt: Int64, options: EmailOptions
    ) throws(DeliveryError) -> [(path: String, bytes: [UInt8])] {
        var files: [(path: String, bytes: [UInt8])] = []
        var pageFigures: [EmailHTML.Figure] = []
        var mailFigures: [EmailHTML.Figure] = []
        var images: [MailMessage.InlineImage] = []
        let pngs = try PNGRenderer.render(svgs: charts.charts.map { $0.svgBytes() }, scale: 2)
        for (chart, image) in zip(charts.charts, pngs) {
            files.append(("charts/\(chart.name).png", image.png))
            let cid = "\(chart.name)@activityreport"
            pageFigures.append(.init(chart: chart, source: "charts/\(chart.name).png", width: image.cssWidth, height: image.cssHeight))
            mailFigures.append(.init(chart: chart, source: "cid:\(cid)", width: image.cssWidth, height: image.cssHeight))
            images.append(.init(contentID: cid, filename: "\(chart.name).png", png: image.png))
        }
        let period = "Week report: " + period(insights)
        files.append(("email.html", EmailHTML.render(title: title, period: period, insights: insights, figures: pageFigures)))
        let html = EmailHTML.render(title: title, period: period, insights: insights, figures: mailFigures)
        var message = MailMessage(
            from: try MIMEHeader.Mailbox(parsing: options.from), to: try mailboxes(options.to),
            subject: options.subject ?? "\(title): \(EmailPackage.period(insights))",
            date: generatedAt, text: plainText, html: html, images: images)
        message.cc = try mailboxes(options.cc)
        files.append(("report.eml", message.serialize()))
        return files
    }

    /// Parsed addresses.
    public static func mailboxes(_ texts: [String]) throws(DeliveryError) -> [MIMEHeader.Mailbox] {
        try texts.map { (a: String) throws(DeliveryError) -> MIMEHeader.Mailbox in try MIMEHeader.Mailbox(parsing: a) }
    }
}
