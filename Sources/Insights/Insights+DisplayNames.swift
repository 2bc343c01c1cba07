import ActivityModel

extension Insights {
    /// The same insights with every name capped for display (``DisplayName``): the top dashboard
    /// and chart, the home dashboards and the names in the findings. insights.json is written
    /// from the whole names.
    public func cappingNames() -> Insights {
        var shown = self
        shown.content.topDashboard?.name = DisplayName.cap(content.topDashboard?.name ?? "")
        shown.content.topChart?.name = DisplayName.cap(content.topChart?.name ?? "")
        shown.content.homeDashboards = content.homeDashboards.map {
            var row = $0
            row.name = DisplayName.cap(row.name)
            return row
        }
        if var c = cleanup {
            let items = c.content?.items.map {
                var i = $0
                (i.name, i.space, i.owner) = (DisplayName.cap(i.name), DisplayName.cap(i.space), DisplayName.cap(i.owner))
                return i
            }
            if let items { c.content?.items = items }
            let rows = c.deliveries?.rows.map {
                var r = $0
                (r.name, r.resourceName, r.owner) = (DisplayName.cap(r.name), DisplayName.cap(r.resourceName), DisplayName.cap(r.owner))
                r.destinations = DisplayName.cap(r.destinations)
                return r
            }
            if let rows { c.deliveries?.rows = rows }
            func cap(_ seats: [Insights.Seat]) -> [Insights.Seat] {
                seats.map {
                    var x = $0
                    x.name = DisplayName.cap(x.name)
                    return x
                }
            }
            if var seats = c.seats {
                seats.oldInvites = cap(seats.oldInvites)
                seats.inactiveAdminsEditors = cap(seats.inactiveAdminsEditors)
                c.seats = seats
            }
            shown.cleanup = c
        }
        shown.findings = findings.map {
            var finding = $0
            finding.title = finding.title.cappingNames()
            finding.detail = finding.detail.cappingNames()
            return finding
        }
        return shown
    }
}

extension Phrase {
    /// The phrase with each `.name` span capped for display.
    func cappingNames() -> Phrase {
        Phrase(
            spans.map { span in
                if case .name(let name) = span { return .name(DisplayName.cap(name)) }
                return span
            })
    }
}
