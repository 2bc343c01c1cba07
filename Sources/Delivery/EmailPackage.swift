public import Charts
public import Insights

/// What `--email` adds to the output folder: `charts/*.png`, `email.html` and `report.eml`.
public struct EmailOptions: Sendable, Equatable {
    public var from: String
    public var to: [String]
    /// Nil: "TITLE: week to YYYY-MM-DD".
    public var subject: String?

    public init(from: String = "ActivityReport <activityreport@localhost>", to: [String] = [], subject: String? = nil) {
        self.from = from
        self.to = to
        self.subject = subject
    }

    /// Parses the addresses now, so a bad one is a usage error before anything is computed.
    public func validate() throws(DeliveryError) {
        _ = try MIMEHeader.Mailbox(parsing: from)
        for address in to { _ = try MIMEHeader.Mailbox(parsing: address) }
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
        let message = MailMessage(
            from: try MIMEHeader.Mailbox(parsing: options.from),
            to: try options.to.map { (a: String) throws(DeliveryError) -> MIMEHeader.Mailbox in try MIMEHeader.Mailbox(parsing: a) },
            subject: options.subject ?? "\(title): \(EmailPackage.period(insights))",
            date: generatedAt, text: plainText, html: html, images: images)
        files.append(("report.eml", message.serialize()))
        return files
    }
}
