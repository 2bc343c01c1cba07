import ActivityModel
import Testing

@Suite("The raw views CSV reader")
struct ViewsCSVTests {
    static let header = "type,timestamp,uuid,name,user_uuid,user_first_name,user_last_name,space_name\n"

    static func read(_ text: String) throws -> ViewsLog { try ViewsCSV.read(Array(text.utf8)) }

    @Test func aBareCRInsideAnUnquotedFieldIsDataNotTheEndOfARecord() throws {
        let log = try Self.read(
            Self.header + "chart,2026-02-11T09:14:02Z,c1,lone\rCR,u1,Ann,,Sales\nchart,2026-02-11T09:14:03Z,c2,ok,u1,Ann,,Sales\n")
        #expect(log.events.count == 2)
        #expect(log.badRows == 0)
        #expect(log.items.map(\.name) == ["lone\rCR", "ok"])
    }

    @Test func quotedFieldsKeepCommasDoubledQuotesAndLineFeeds() throws {
        let log = try Self.read(
            Self.header + "chart,2026-02-11T09:14:02Z,c1,\"Revenue \"\"net\"\", by region\",u1,Dương,,\"Sales, EMEA\"\n"
                + "chart,2026-02-11T09:13:40Z,c2,\"Orders,\nby day\",,,,The Gold space\n")
        #expect(log.items.map(\.name) == ["Revenue \"net\", by region", "Orders,\nby day"])
        #expect(log.spaces == ["Sales, EMEA", "The Gold space"])
        #expect(log.events.map(\.user) == [0, -1])
        #expect(log.users.first?.firstName == "Dương")
    }

    @Test func aLeadingBOMAndExtraColumnsInAnyOrderAreAccepted() throws {
        let text =
            "\u{FEFF}space_uuid,type,timestamp,uuid,name,user_uuid,user_first_name,user_last_name,space_name,project_uuid\n"
            + "s1,dashboard,2026-02-11T09:14:02Z,d1,D,u1,A,B,S,p\n"
        let log = try Self.read(text)
        #expect(log.events.count == 1)
        #expect(log.items.first?.kind == .dashboard)
        #expect(log.users.first?.name == "A B")
    }

    @Test func aFileSavedWithCRLFReadsLikeTheServersLF() throws {
        let log = try Self.read(
            Self.header.replacingOccurrences(of: "\n", with: "\r\n") + "chart,2026-02-11T09:14:02Z,c1,n,u1,A,,Space\r\n")
        #expect(log.spaces == ["Space"])
        #expect(log.badRows == 0)
    }

    @Test func badRowsAreCountedWithTheirFirstLineNumbersAndTheRestIsRead() throws {
        let rows = [
            "chart,2026-02-11T09:14:02Z,c1,n,u1,A,,S",  // line 2: fine
            "widget,2026-02-11T09:14:02Z,c1,n,u1,A,,S",  // 3: unknown type
            "chart,2026-02-30T09:14:02Z,c1,n,u1,A,,S",  // 4: no such day
            "chart,2026-02-11 09:14:02,c1,n,u1,A,,S",  // 5: not the server's format
            "chart,2026-02-11T09:14:02Z,,n,u1,A,,S",  // 6: no uuid
            "chart,2026-02-11T09:14:02Z,c1,n,u1",  // 7: too few fields
            "chart,2026-02-11T09:14:02Z,c1,\"two\nlines\",u1,A,,S,extra",  // 8-9: too many
            "dashboard,2026-02-11T09:15:00Z,d1,n,,,,S",  // 10: fine, anonymous
        ]
        let log = try Self.read(Self.header + rows.joined(separator: "\n") + "\n")
        #expect(log.events.count == 2)
        #expect(log.badRows == 6)
        #expect(log.badLines == [3, 4, 5, 6, 7])
        #expect(log.events.last?.user == -1)
    }

    @Test func aFileThatIsNotTheExportNamesLineOne() throws {
        #expect(throws: ViewsCSVError(line: 1, message: "the file is empty, not a views export")) { try Self.read("") }
        do throws(ViewsCSVError) {
            _ = try ViewsCSV.read(Array("{\"status\":\"ok\",\"results\":[]}\n".utf8))
            Issue.record("a JSON file was read as a views export")
        } catch {
            #expect(error.line == 1)
            #expect(error.message.contains("“timestamp”"))
        }
    }

    @Test func anUnterminatedQuoteNamesTheLineItStartsOn() throws {
        #expect(throws: ViewsCSVError(line: 3, message: "a quoted field starts here and never ends")) {
            try Self.read(Self.header + "chart,2026-02-11T09:14:02Z,c1,n,u1,A,,S\nchart,2026-02-11T09:14:02Z,c1,\"open,u1,A,,S\n")
        }
    }

    @Test func namesComeFromTheNewestRowWhateverTheOrder() throws {
        let log = try Self.read(
            Self.header + "chart,2026-02-10T00:00:00Z,c1,old,u1,Old,,S1\nchart,2026-02-11T00:00:00Z,c1,new,u1,New,,S2\n"
                + "chart,2026-02-09T00:00:00Z,c1,older,u1,Older,,S0\n")
        #expect(log.items.map(\.name) == ["new"])
        #expect(log.items.map(\.space) == ["S2"])
        #expect(log.users.map(\.firstName) == ["New"])
        #expect(log.spaces == ["S1", "S2", "S0"])
    }
}

@Suite("Time zone offsets")
struct ZoneOffsetsTests {
    @Test func theOffsetInForceIsTheLastChangeAtOrBeforeTheInstant() {
        let berlin = ZoneOffsets(name: "Europe/Berlin", changes: [(Int64.min, 3600), (1_774_746_000, 7200), (1_792_890_000, 3600)])
        #expect(berlin.offset(at: 1_774_745_999) == 3600)
        #expect(berlin.offset(at: 1_774_746_000) == 7200)
        #expect(berlin.offset(at: 1_792_889_999) == 7200)
        #expect(berlin.offset(at: 1_792_890_000) == 3600)
        #expect(ZoneOffsets.utc.offset(at: 0) == 0)
    }
}
