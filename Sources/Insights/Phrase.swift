import ActivityModel

/// A sentence the analysis writes for people, kept as spans of our own words, names the user
/// chose and numbers, so that each renderer escapes each span its own way (in HTML a name is
/// user text isolated in `<bdi>`; in Markdown it goes through `MarkdownText.escape`, our words
/// through `MarkdownText.own`) and nothing has to be split back out of a string.
///
/// Written with string interpolation: literals and interpolated strings are our words,
/// interpolated phrases keep their spans:
///
/// ```swift
/// let title: Phrase = "\(Phrase.quoted(name)) is the most viewed dashboard: \(Phrase.number("7")) views"
/// title.text  // "“A” is the most viewed dashboard: 7 views"
/// ```
public struct Phrase: Sendable, Hashable, CustomStringConvertible {
    /// One run of text of one kind.
    public enum Span: Sendable, Hashable {
        /// Our own words and punctuation.
        case text(String)
        /// A name the user chose (a dashboard's): user text.
        case name(String)
        /// A formatted number, with its sign or unit sign when it has one: `1,843`, `-3`, `35%`.
        case number(String)

        /// The span's characters.
        public var string: String {
            switch self {
            case .text(let s), .name(let s), .number(let s): s
            }
        }

        /// A span of the same kind holding `string`.
        func with(_ string: String) -> Span {
            switch self {
            case .text: .text(string)
            case .name: .name(string)
            case .number: .number(string)
            }
        }
    }

    /// The spans in reading order: none empty, never two `.text` spans in a row.
    public private(set) var spans: [Span] = []

    public init() {}

    /// A phrase of `spans` (empty ones dropped, neighbouring `.text` spans joined).
    public init(_ spans: [Span]) {
        for span in spans { append(span) }
    }

    /// Our own words, as one `.text` span. Also what a phrase read back from insights.json is:
    /// its names can no longer be told apart from our words there.
    public init(_ text: String) {
        append(.text(text))
    }

    /// The phrase as one string, as insights.json holds it.
    public var text: String { spans.map(\.string).joined() }

    public var description: String { text }

    public var isEmpty: Bool { spans.isEmpty }

    public mutating func append(_ span: Span) {
        guard !span.string.isEmpty else { return }
        if case .text(let more) = span, case .text(let last)? = spans.last {
            spans[spans.count - 1] = .text(last + more)
        } else {
            spans.append(span)
        }
    }

    public mutating func append(_ other: Phrase) {
        for span in other.spans { append(span) }
    }

    public static func + (a: Phrase, b: Phrase) -> Phrase {
        var joined = a
        joined.append(b)
        return joined
    }

    public static func += (a: inout Phrase, b: Phrase) { a.append(b) }

    /// A name the user chose, as one span.
    public static func name(_ name: String) -> Phrase { Phrase([.name(name)]) }

    /// A formatted number, as one span.
    public static func number(_ number: String) -> Phrase { Phrase([.number(number)]) }

    /// A name between typographic quotes (`“Sales”`); the quotes are our words, the name its own
    /// span, trimmed, and `Untitled` when blank.
    public static func quoted(_ name: String) -> Phrase {
        let trimmed = name.trimmingWhitespace()
        return Phrase([.text("\u{201C}"), .name(trimmed.isEmpty ? "Untitled" : trimmed), .text("\u{201D}")])
    }

    /// At most `limit` characters (counted span by span), the last of them `…` when cut.
    public func clipped(to limit: Int) -> Phrase {
        guard spans.reduce(0, { $0 + $1.string.count }) > limit else { return self }
        var out = Phrase()
        var room = max(0, limit - 1)
        for span in spans where room > 0 {
            let kept = String(span.string.prefix(room))
            room -= kept.count
            out.append(span.with(kept))
        }
        out.append(.text("…"))
        return out
    }
}

extension Phrase: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) {
        self.init(value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self = stringInterpolation.phrase
    }

    /// Literals and interpolated strings are our words; interpolated phrases keep their spans.
    public struct StringInterpolation: StringInterpolationProtocol {
        var phrase = Phrase()

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { phrase.append(.text(literal)) }

        /// Our own words (a day, a word a rule chose).
        public mutating func appendInterpolation(_ text: String) { phrase.append(.text(text)) }

        /// A part with its own spans (a number, a quoted name, a clause).
        public mutating func appendInterpolation(_ part: Phrase) { phrase.append(part) }
    }
}
