/// The raw views CSV of `POST /api/v1/analytics/user-activity/{projectUuid}/download`, read as the
/// server writes it (csv-stringify): records end with LF; a field is quoted only when it holds
/// `"`, `,` or LF, with `"` doubled; a bare CR is data, even unquoted; a leading BOM is dropped;
/// columns are found by header name and extra columns are ignored.
///
/// Hand-written, byte by byte: yaslab/CSV.swift and SwiftCSV read the 100,000-row export in
/// 3.6 s and 4.5 s on this machine (over the 0.3 s budget), and both end a record at a bare CR
/// (see docs/performance.md).
public enum ViewsCSV {
    /// The columns every export has; a file without them is not this CSV.
    public static let requiredColumns = [
        "type", "timestamp", "uuid", "name", "user_uuid", "user_first_name", "user_last_name", "space_name",
    ]
    /// How many line numbers of bad rows a data note names.
    public static let badLinesKept = 5

    /// Reads `bytes`. Rows that cannot be used are counted (with their first line numbers) and
    /// skipped; a file that is not this CSV at all throws, naming the line.
    public static func read(_ bytes: [UInt8]) throws(ViewsCSVError) -> ViewsLog {
        try bytes.withUnsafeBufferPointer { buffer throws(ViewsCSVError) in try read(buffer) }
    }

    public static func read(_ b: UnsafeBufferPointer<UInt8>) throws(ViewsCSVError) -> ViewsLog {
        var scanner = Scanner(b)
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { scanner.at = 3 }
        guard scanner.at < b.count else { throw ViewsCSVError(line: 1, message: "the file is empty, not a views export") }
        let header = try scanner.record()
        let names = header.map { scanner.text($0) }
        var column: [String: Int] = [:]
        for (i, name) in names.enumerated() where column[name] == nil { column[name] = i }
        let missing = requiredColumns.filter { column[$0] == nil }
        guard missing.isEmpty else {
            throw ViewsCSVError(
                line: 1,
                message: "the header has no column \(missing.map { "“\($0)”" }.joined(separator: ", ")), so this is not a views export")
        }
        let c = requiredColumns.map { column[$0]! }
        var builder = ViewsLog.Builder()
        while scanner.at < b.count {
            let line = scanner.line
            let fields = try scanner.record()
            if fields.count == 1, fields[0].start == fields[0].end, !fields[0].quoted { continue }  // an empty line
            guard fields.count == names.count,
                let kind = scanner.kind(fields[c[0]]),
                let time = scanner.timestamp(fields[c[1]]),
                fields[c[2]].start < fields[c[2]].end
            else {
                builder.bad(line: line)
                continue
            }
            let item = scanner.text(fields[c[2]])
            let user = scanner.text(fields[c[4]])
            builder.add(
                kind: kind, time: time, item: item, user: user,
                details: {
                    (
                        name: scanner.text(fields[c[3]]), first: scanner.text(fields[c[5]]), last: scanner.text(fields[c[6]]),
                        space: scanner.text(fields[c[7]])
                    )
                }, space: { scanner.text(fields[c[7]]) })
        }
        return builder.log
    }

    /// A field: bytes `start..<end` of the file, between the quotes when `quoted`.
    struct Field {
        var start: Int
        var end: Int
        var quoted: Bool
        /// Holds `""`, which reads as one `"`.
        var doubled: Bool
    }

    struct Scanner {
        let b: UnsafeBufferPointer<UInt8>
        var at = 0
        /// The 1-based line the scanner is on (LFs inside quotes count).
        var line = 1

        init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

        /// The fields of the record at `at`; `at` moves past its LF.
        mutating func record() throws(ViewsCSVError) -> [Field] {
            var fields: [Field] = []
            fields.reserveCapacity(12)
            while true {
                if at < b.count, b[at] == 0x22 {
                    let startLine = line
                    at += 1
                    let start = at
                    var doubled = false
                    while true {
                        guard at < b.count else {
                            throw ViewsCSVError(line: startLine, message: "a quoted field starts here and never ends")
                        }
                        let c = b[at]
                        if c == 0x22 {
                            if at + 1 < b.count, b[at + 1] == 0x22 {
                                doubled = true
                                at += 2
                                continue
                            }
                            break
                        }
                        if c == 0x0A { line += 1 }
                        at += 1
                    }
                    fields.append(Field(start: start, end: at, quoted: true, doubled: doubled))
                    at += 1
                    // After the closing quote: a separator, the end of the record, or (not csv-stringify) stray text,
                    // which makes the row ragged.
                    if at < b.count, b[at] != 0x2C, b[at] != 0x0A, !(b[at] == 0x0D && at + 1 < b.count && b[at + 1] == 0x0A) {
                        fields.append(Field(start: at, end: at, quoted: false, doubled: false))
                        while at < b.count, b[at] != 0x2C, b[at] != 0x0A { at += 1 }
                    }
                } else {
                    let start = at
                    while at < b.count, b[at] != 0x2C, b[at] != 0x0A { at += 1 }
                    var end = at
                    // CRLF files (an export saved again by a spreadsheet): the CR before the LF is not data.
                    if end > start, b[end - 1] == 0x0D, at >= b.count || b[at] == 0x0A { end -= 1 }
                    fields.append(Field(start: start, end: end, quoted: false, doubled: false))
                }
                if at < b.count, b[at] == 0x0D, at + 1 < b.count, b[at + 1] == 0x0A { at += 1 }
                guard at < b.count else { return fields }
                if b[at] == 0x2C {
                    at += 1
                    continue
                }
                at += 1  // LF
                line += 1
                return fields
            }
        }

        func text(_ f: Field) -> String {
            let slice = UnsafeBufferPointer(rebasing: b[f.start..<f.end])
            guard f.doubled else { return String(decoding: slice, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(slice.count)
            var i = 0
            while i < slice.count {
                out.append(slice[i])
                i += slice[i] == 0x22 ? 2 : 1
            }
            return String(decoding: out, as: UTF8.self)
        }

        func kind(_ f: Field) -> ViewedKind? {
            let n = f.end - f.start
            if n == 5, b[f.start] == 0x63, b[f.start + 4] == 0x74, text(f) == "chart" { return .chart }
            if n == 9, b[f.start] == 0x64, text(f) == "dashboard" { return .dashboard }
            return nil
        }

        /// `YYYY-MM-DDTHH:MM:SSZ` -> seconds since the epoch; nil for anything else or an impossible date.
        func timestamp(_ f: Field) -> Int64? {
            guard f.end - f.start == 20, !f.doubled else { return nil }
            let s = f.start
            func digits(_ from: Int, _ n: Int) -> Int? {
                var v = 0
                for k in from..<from + n {
                    let c = b[s + k]
                    guard c >= 0x30, c <= 0x39 else { return nil }
                    v = v * 10 + Int(c - 0x30)
                }
                return v
            }
            guard b[s + 4] == 0x2D, b[s + 7] == 0x2D, b[s + 10] == 0x54, b[s + 13] == 0x3A, b[s + 16] == 0x3A, b[s + 19] == 0x5A,
                let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2), let hour = digits(11, 2),
                let minute = digits(14, 2), let second = digits(17, 2),
                (1...12).contains(month), day >= 1, day <= ISODate.daysIn(month: month, year: year), hour < 24, minute < 60,
                second < 60
            else { return nil }
            return Int64(Day(year: year, month: month, day: day).daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        }
    }
}

/// A file that is not the views CSV at all.
public struct ViewsCSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

public enum ViewedKind: String, Sendable, Hashable, Comparable {
    case chart, dashboard

    public static func < (a: ViewedKind, b: ViewedKind) -> Bool { a.rawValue < b.rawValue }
}

/// The views of one export, with names interned: each event points at its item, user and space.
public struct ViewsLog: Sendable, Equatable {
    public struct Event: Sendable, Equatable {
        /// Seconds since the epoch, UTC.
        public var time: Int64
        /// Index into ``ViewsLog/items``.
        public var item: Int32
        /// Index into ``ViewsLog/users``; -1 for a view without a user (anonymous, embedded, or a deleted user).
        public var user: Int32
        /// Index into ``ViewsLog/spaces``.
        public var space: Int32

        public init(time: Int64, item: Int32, user: Int32, space: Int32) {
            self.time = time
            self.item = item
            self.user = user
            self.space = space
        }
    }

    /// A chart or dashboard, named as in its newest row.
    public struct Item: Sendable, Equatable {
        public var kind: ViewedKind
        public var uuid: String
        public var name: String
        public var space: String
        /// The time of the row the names come from.
        var namedAt: Int64
    }

    /// A user, named as in their newest row.
    public struct User: Sendable, Equatable {
        public var uuid: String
        public var firstName: String
        public var lastName: String
        var namedAt: Int64
        public var name: String { PersonName.join(firstName, lastName) }
    }

    public var events: [Event] = []
    public var items: [Item] = []
    public var users: [User] = []
    public var spaces: [String] = []
    /// Rows that could not be used.
    public var badRows = 0
    /// The first ``ViewsCSV/badLinesKept`` of their line numbers.
    public var badLines: [Int] = []

    public init() {}

    struct Builder {
        var log = ViewsLog()
        var itemIndex: [String: Int32] = [:]
        var userIndex: [String: Int32] = [:]
        var spaceIndex: [String: Int32] = [:]

        mutating func bad(line: Int) {
            log.badRows += 1
            if log.badLines.count < ViewsCSV.badLinesKept { log.badLines.append(line) }
        }

        mutating func add(
            kind: ViewedKind, time: Int64, item uuid: String, user userUUID: String,
            details: () -> (name: String, first: String, last: String, space: String), space: () -> String
        ) {
            // A chart and a dashboard never share a uuid, but the key keeps them apart if they did.
            let key = kind == .chart ? "c" + uuid : "d" + uuid
            let item: Int32
            var named: (name: String, first: String, last: String, space: String)?
            if let i = itemIndex[key] {
                item = i
                if time > log.items[Int(i)].namedAt {
                    let d = details()
                    named = d
                    log.items[Int(i)].name = d.name
                    log.items[Int(i)].space = d.space
                    log.items[Int(i)].namedAt = time
                }
            } else {
                let d = details()
                named = d
                item = Int32(log.items.count)
                itemIndex[key] = item
                log.items.append(Item(kind: kind, uuid: uuid, name: d.name, space: d.space, namedAt: time))
            }
            var user: Int32 = -1
            if !userUUID.isEmpty {
                if let u = userIndex[userUUID] {
                    user = u
                    if time > log.users[Int(u)].namedAt {
                        let d = named ?? details()
                        log.users[Int(u)].firstName = d.first
                        log.users[Int(u)].lastName = d.last
                        log.users[Int(u)].namedAt = time
                    }
                } else {
                    let d = named ?? details()
                    user = Int32(log.users.count)
                    userIndex[userUUID] = user
                    log.users.append(User(uuid: userUUID, firstName: d.first, lastName: d.last, namedAt: time))
                }
            }
            let spaceName = named?.space ?? space()
            let s: Int32
            if let found = spaceIndex[spaceName] {
                s = found
            } else {
                s = Int32(log.spaces.count)
                spaceIndex[spaceName] = s
                log.spaces.append(spaceName)
            }
            log.events.append(Event(time: time, item: item, user: user, space: s))
        }
    }
}
