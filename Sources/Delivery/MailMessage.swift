import Foundation

/// A complete RFC 5322 / MIME message: `multipart/alternative` of a plain-text part and a
/// `multipart/related` HTML part whose images are attached by `Content-ID`.
public struct MailMessage: Sendable {
    /// An image referenced from the HTML as `cid:<contentID>`.
    public struct InlineImage: Sendable {
        public var contentID: String
        public var filename: String
        public var png: [UInt8]
        public init(contentID: String, filename: String, png: [UInt8]) {
            self.contentID = contentID
            self.filename = filename
            self.png = png
        }
    }

    public var from: MIMEHeader.Mailbox
    public var to: [MIMEHeader.Mailbox]
    /// `Cc` (there is no Bcc here: blind copies exist only in the envelope).
    public var cc: [MIMEHeader.Mailbox] = []
    public var subject: String
    /// Seconds since the epoch: the `Date` header, and part of the `Message-ID`.
    public var date: Int64
    public var text: [UInt8]
    public var html: [UInt8]
    public var images: [InlineImage]

    public init(
        from: MIMEHeader.Mailbox, to: [MIMEHeader.Mailbox], subject: String, date: Int64, text: [UInt8], html: [UInt8],
        images: [InlineImage]
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.text = text
        self.html = html
        self.images = images
    }

    /// The message's bytes, CRLF line ends throughout. Deterministic: the boundaries and the
    /// `Message-ID` come from a hash of the content and the date.
    public func serialize() -> [UInt8] {
        var seed = text + html
        for image in images { seed += image.png }
        seed += Array(subject.utf8) + Array(String(date).utf8)
        let hash = ContentHash.sha256Hex(seed)
        let alternative = "=_ar_alt_" + hash.prefix(24)
        let related = "=_ar_rel_" + hash.prefix(24)
        var out = ""
        out += MIMEHeader.structured("From", from.headerPieces)
        for (name, boxes) in [("To", to), ("Cc", cc)] where !boxes.isEmpty {
            var pieces: [String] = []
            for (i, box) in boxes.enumerated() {
                var p = box.headerPieces
                if i < boxes.count - 1 { p[p.count - 1] += "," }
                pieces += p
            }
            out += MIMEHeader.structured(name, pieces)
        }
        out += MIMEHeader.field("Subject", subject)
        out += MIMEHeader.structured("Date", [MailDate.rfc5322(date)])
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "activityreport.invalid"
        out += MIMEHeader.structured("Message-ID", ["<\(hash.prefix(32)).\(date)@\(domain)>"])
        out += "MIME-Version: 1.0\r\n"
        out += "Content-Type: multipart/alternative;\r\n boundary=\"\(alternative)\"\r\n"
        out += "\r\n"
        out += "This is a multi-part message in MIME format.\r\n"
        out += "--\(alternative)\r\n"
        out += "Content-Type: text/plain; charset=utf-8\r\n"
        out += "Content-Transfer-Encoding: base64\r\n\r\n"
        out += MailMessage.base64Lines(text)
        out += "--\(alternative)\r\n"
        out += "Content-Type: multipart/related;\r\n boundary=\"\(related)\"; type=\"text/html\"\r\n\r\n"
        out += "--\(related)\r\n"
        out += "Content-Type: text/html; charset=utf-8\r\n"
        out += "Content-Transfer-Encoding: base64\r\n\r\n"
        out += MailMessage.base64Lines(html)
        for image in images {
            out += "--\(related)\r\n"
            out += "Content-Type: image/png;\r\n name=\"\(image.filename)\"\r\n"
            out += "Content-Transfer-Encoding: base64\r\n"
            out += "Content-ID: <\(image.contentID)>\r\n"
            out += "Content-Disposition: inline;\r\n filename=\"\(image.filename)\"\r\n\r\n"
            out += MailMessage.base64Lines(image.png)
        }
        out += "--\(related)--\r\n"
        out += "--\(alternative)--\r\n"
        return Array(out.utf8)
    }

    /// `bytes` in base64 (RFC 2045 6.8): lines of at most 76 characters, each ended by CRLF, the last
    /// one too; nothing for no bytes. Foundation's encoder separates its lines with CRLF.
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let text = Data(bytes).base64EncodedString(options: .lineLength76Characters)
        return text.isEmpty ? "" : text + "\r\n"
    }
}

/// Dates as RFC 5322 writes them, from seconds since the epoch, in UTC.
public enum MailDate {
    /// `Fri, 27 Nov 2026 01:50:00 +0000`.
    public static func rfc5322(_ seconds: Int64) -> String {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let rest = Int(seconds - Int64(days) * 86_400)
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let weekday = weekdays[((days % 7) + 7) % 7]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekday), \(day) \(months[month - 1]) \(year) \(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60)) +0000"
    }
}
