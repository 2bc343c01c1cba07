import ActivityModel
import ActivitySource
import CurlTransport
import Foundation

extension Sender {
    /// An SMTP attempt judged: 4xx replies and connection trouble are worth another attempt;
    /// 5xx replies, a refused login and TLS failures are final, in the server's words with a hint.
    static func verdict(smtp r: TransferResult, server: SMTPServer, size: Int) -> Verdict {
        guard let failure = r.failure else { return .delivered }
        let destination = "SMTP \(server.name)"
        let detail = oneLine(r.detail)
        let words = r.serverText.isEmpty ? detail : "\(r.replyCode) \(oneLine(r.serverText))"
        func final(_ message: String, _ hint: String?, refused: Bool = false) -> Verdict {
            .final(SendFailure(kind: refused ? .refused : .undeliverable, destination: destination, message: message, hint: hint))
        }
        func retry(_ message: String, _ hint: String?) -> Verdict {
            .retry(SendFailure(kind: .undeliverable, destination: destination, message: message, hint: hint), retryAfter: nil)
        }
        let loginHint =
            "check the user in --smtp-url and the password in SMTP_PASSWORD or --smtp-password-file; Gmail, Microsoft 365 and the like want an app password (or an SMTP credential), not the account's own"
        let portHint = "smtps:// speaks TLS from the start (port 465); smtp:// starts plain and upgrades with STARTTLS (port 587)"
        switch failure {
        case .loginDenied:
            return final("authentication failed: \(words)", loginHint, refused: true)
        case .rejected:
            let code = r.replyCode
            let text = r.serverText.lowercased()
            if (400..<500).contains(code) { return retry("the server answered \(words)", "a 4xx reply is temporary: try again later") }
            if [530, 534, 535, 538].contains(code) && !text.contains("starttls") {
                return final("authentication failed: \(words)", loginHint, refused: true)
            }
            if code == 552 || text.contains("5.3.4") || text.contains("too large") || text.contains("size") {
                return final(
                    "the message is too large for the server: \(words)",
                    "report.eml is \(Format.integer(size)) bytes, most of it the charts as PNG images; ask the server's admin for a higher limit, or send from a relay that takes larger messages"
                )
            }
            if text.contains("relay") || text.contains("5.7.1") {
                return final(
                    "relaying denied: \(words)",
                    "the server does not accept mail from this sender or for these recipients without a login: put a user in --smtp-url (and its password in SMTP_PASSWORD), or use a --mail-from address the server sends for"
                )
            }
            return final("the server refused the message: \(words)", "a 5xx reply is final; the server's words above say why")
        case .connect:
            return retry(
                "could not connect to \(server.name): \(detail)", "check that the server runs and the host and port are right (\(portHint))"
            )
        case .resolve:
            return retry("DNS lookup of \(server.host) failed", "check the host name in --smtp-url")
        case .timeout:
            return retry("no answer in time: \(detail)", "check the port (\(portHint)) and any firewall in the way")
        case .connectionLost:
            return retry("the connection broke off: \(words)", nil)
        case .tlsUnavailable:
            return final(
                "the server does not offer STARTTLS, which is required",
                "use smtps:// if the server speaks TLS from the start (port 465); for a relay on this machine without TLS, add --smtp-insecure"
            )
        case .certificate:
            return final(
                "the server's certificate does not verify: \(detail)",
                "it is self-signed, expired, or for another name: give the CA that signed it with --smtp-ca-file (or SSL_CERT_FILE); verification is never switched off"
            )
        case .tlsHandshake:
            return final("the TLS handshake failed: \(detail)", portHint)
        case .trustFile:
            return final("the CA file cannot be used: \(detail)", "--smtp-ca-file (or SSL_CERT_FILE) must be a PEM file of certificates")
        case .protocolError:
            return final("the server's answer is not SMTP: \(words)", "check the port: \(portHint)")
        case .other:
            return final("sending failed: \(words)", nil)
        }
    }

    /// A webhook attempt judged as the HTTP fetches are: 429, 502, 503, 504 and connection
    /// trouble are worth another attempt; other statuses are final.
    static func verdict(post r: TransferResult, destination: String, now: Date) -> Verdict {
        func final(_ message: String, _ hint: String?, refused: Bool = false) -> Verdict {
            .final(SendFailure(kind: refused ? .refused : .undeliverable, destination: destination, message: message, hint: hint))
        }
        func retry(_ message: String, _ hint: String?, after: Double? = nil) -> Verdict {
            .retry(SendFailure(kind: .undeliverable, destination: destination, message: message, hint: hint), retryAfter: after)
        }
        let detail = oneLine(r.detail)
        if let failure = r.failure {
            switch failure {
            case .connect, .timeout, .connectionLost, .resolve:
                return retry("the webhook cannot be reached: \(detail)", "check the network, and any proxy in https_proxy")
            case .certificate:
                return final(
                    "the webhook's certificate does not verify: \(detail)",
                    "a proxy that inspects TLS needs its CA in SSL_CERT_FILE; verification is never switched off")
            default:
                return final("posting failed: \(detail)", nil)
            }
        }
        let status = r.replyCode
        if (200..<300).contains(status) { return .delivered }
        let body = oneLine(r.serverText)
        let words = "HTTP \(status)" + (body.isEmpty ? "" : ": \(body)")
        switch status {
        case 429, 502, 503, 504:
            return retry(
                words, "the service is busy or limits how often it takes messages",
                after: r.retryAfter.flatMap { RetryAfter.seconds($0, now: now) })
        case 401, 403:
            return final(
                "the webhook refused the message: \(words)",
                "the webhook was revoked or is not allowed to post: make a new one and put its URL in the file", refused: true)
        case 404, 410:
            return final(
                "the webhook no longer exists: \(words)",
                "it was removed, or its channel archived: make a new one and put its URL in the file")
        case 300..<400:
            return final("the webhook URL redirects: \(words)", "redirects are not followed: put the final URL in the file")
        case 400, 413, 422:
            return final("the service refused the message: \(words)", "the service's words above say what it did not accept")
        default:
            return final("the service failed: \(words)", nil)
        }
    }

    /// One line of at most 300 characters, without control characters.
    static func oneLine(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                if !out.hasSuffix(" ") { out += " " }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        out = out.trimmingCharacters(in: .whitespaces)
        return out.count > 300 ? String(out.prefix(299)) + "…" : out
    }
}
