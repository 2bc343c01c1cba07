import Markup

/// The page skeleton and stylesheet of report.html: the built-in copies of `templates/`, or a
/// user's folder given with `--templates DIR`.
public struct Templates: Sendable {
    /// The page skeleton (well-formed HTML5 with `data-slot` elements).
    public var page: [UInt8]
    /// Where the page came from, for error messages.
    public var pageName: String
    /// The stylesheet, inlined into the page's `<style data-slot="style">`.
    public var stylesheet: String

    public init(page: [UInt8], pageName: String, stylesheet: String) {
        self.page = page
        self.pageName = pageName
        self.stylesheet = stylesheet
    }

    /// The templates compiled into the binary (copies of the repository's `templates/`).
    public static let builtIn = Templates(
        page: Array((BuiltInTemplates.page + "\n").utf8), pageName: "built-in report.html",
        stylesheet: BuiltInTemplates.stylesheet + "\n")

    /// Parses the page skeleton, checking that it has the slots the report fills.
    func parsedPage() throws(RenderError) -> Document {
        let doc: Document
        do {
            doc = try Document.template(page, name: pageName)
        } catch {
            throw .template("\(pageName), line \(error.line): \(error.message)")
        }
        if doc.elements(slot: "content").isEmpty {
            throw .template("\(pageName) has no element with data-slot=\"content\", where the report goes")
        }
        if Self.mayEndStyle(stylesheet) && stylesheet.lowercased().contains("</style") {
            throw .template("the stylesheet contains \"</style\", which would end the page's <style> element")
        }
        return doc
    }

    /// Whether `css` holds "</style" in ASCII letters of any case: a scan of its bytes (100 K
    /// instructions for the built-in stylesheet) that decides whether the exact check
    /// (`lowercased().contains`, 4.6 M, 3.5% of a typical run) is needed. No character outside
    /// ASCII lowercases to one of "</style", so when this is false so is the exact check.
    static func mayEndStyle(_ css: String) -> Bool {
        let tail = Array("/style".utf8)
        var css = css
        return css.withUTF8 { bytes in
            guard bytes.count >= 7 else { return false }
            var i = 0
            while i + 7 <= bytes.count {
                if bytes[i] == UInt8(ascii: "<") {
                    var k = 0
                    while k < 6, bytes[i + 1 + k] | (k == 0 ? 0 : 0x20) == tail[k] { k += 1 }
                    if k == 6 { return true }
                }
                i += 1
            }
            return false
        }
    }
}

/// A report that could not be rendered (only a broken user template can cause one).
public enum RenderError: Error, Sendable, Equatable, CustomStringConvertible {
    case template(String)

    public var description: String {
        switch self {
        case .template(let message): return "template error: \(message)"
        }
    }
}
