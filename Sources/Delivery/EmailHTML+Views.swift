import ActivityModel
import Insights
import Markup

extension EmailHTML {
    /// The views highlights (`--views`): the window, DAU/WAU/MAU, stickiness, the widest reach and
    /// the items viewed by one person only. The page has the rest.
    static func viewsHighlights(_ cell: Element, _ v: Views) {
        cell.append("h2", ["style": "\(font)margin:0 0 8px 0;font-size:17px;color:\(ink);"], text: "Views")
        cell.append(
            "p", ["style": "\(font)margin:0 0 4px 0;font-size:13px;color:\(muted);"], text: "From the raw views export: \(v.windowPhrase).")
        let list = cell.append("ul", ["style": "\(font)margin:0;padding:0 0 0 20px;font-size:13px;color:\(ink);"])
        list.append(
            "li",
            text:
                "\(Format.count(v.views, "view")) by \(Format.count(v.viewers, "identified user")); \(Format.integer(v.anonymousViews)) without a user."
        )
        if let l = v.latest {
            var text =
                "On \(l.day.long): \(Format.integer(l.dau)) daily, \(Format.integer(l.wau)) weekly, \(Format.integer(l.mau)) monthly active viewers"
            if let s = v.stickiness { text += "; stickiness \(Format.decimal(s, places: 2))" }
            list.append("li", text: text + ".")
        }
        if let top = v.topReach.first {
            let li = list.append("li", text: "Widest reach: ")
            li.append("bdi", text: top.name.isEmpty ? "Untitled" : top.name)
            li.text(" (\(Format.count(top.viewers, "viewer")), \(Format.count(top.views, "view"))).")
        }
        let d = v.singleViewer.filter { $0.kind == .dashboard }.count
        if !v.singleViewer.isEmpty {
            list.append(
                "li",
                text:
                    "\(Format.count(d, "dashboard")) and \(Format.count(v.singleViewer.count - d, "chart")) are viewed by one person only.")
        }
    }
}
