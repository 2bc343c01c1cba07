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
