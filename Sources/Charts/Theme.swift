/// Colours, sizes and fonts of every chart, in one place.
///
/// Colours come from the Okabe-Ito palette (safe for the common colour-vision deficiencies).
/// Each colour is written twice: as a presentation attribute (for viewers without CSS) and
/// as a CSS rule reading a custom property (`var(--ar-accent, #0072B2)`), so a page can
/// restyle the charts and `prefers-color-scheme: dark` switches them to the dark variant.
public struct Theme: Equatable, Sendable {
    /// A light and a dark variant of one colour.
    public struct Colour: Equatable, Sendable {
        public var light: String
        public var dark: String
        public init(light: String, dark: String) {
            self.light = light
            self.dark = dark
        }
    }

    /// Font stack; text widths are measured for it by ``measure``.
    public var fontFamily: String
    /// How wide text is drawn where the charts will be shown (conservative browser metrics by
    /// default; the email's PNGs are measured by the library that draws them).
    public var measure: TextMeasure = .browser
    /// Chart width in pixels (the viewBox). The page shows charts drawn at ``narrow``'s width on
    /// phones instead of shrinking these, so that chart text stays legible.
    public var width: Double
    /// Phone layout: the labels of horizontal bars above their bars, at the full width.
    public var labelsAbove = false
    /// Text sizes in pixels.
    public var fontSize: Double
    public var smallFontSize: Double
    /// Height of one bar in a ranked bar chart, and the gap between bars.
    public var barHeight: Double
    public var barGap: Double
    /// Outer margin around the plot.
    public var margin: Double

    public var background: Colour
    public var text: Colour
    public var mutedText: Colour
    public var grid: Colour
    public var axis: Colour
    /// The main series (bars, lines).
    public var accent: Colour
    /// A second series (percent line, highlights).
    public var secondary: Colour
    /// Days with no value (gaps in a line).
    public var gap: Colour

    /// Light-on-white and white-on-dark Okabe-Ito colours, Verdana/DejaVu Sans text.
    public static let standard = Theme(
        fontFamily: "Verdana, \"DejaVu Sans\", \"Bitstream Vera Sans\", sans-serif",
        width: 480, fontSize: 14, smallFontSize: 12, barHeight: 18, barGap: 9, margin: 12,
        background: Colour(light: "#ffffff", dark: "#1c1c1e"),
        text: Colour(light: "#1f2328", dark: "#e6e6e6"),
        mutedText: Colour(light: "#57606a", dark: "#a8b0b8"),
        grid: Colour(light: "#e3e6e8", dark: "#3a3d41"),
        axis: Colour(light: "#8c959f", dark: "#6e7781"),
        accent: Colour(light: "#0072B2", dark: "#56B4E9"),
        secondary: Colour(light: "#D55E00", dark: "#E69F00"),
        gap: Colour(light: "#e6e9ec", dark: "#30343a"))

    public init(
        fontFamily: String, width: Double, fontSize: Double, smallFontSize: Double, barHeight: Double,
        barGap: Double, margin: Double, background: Colour, text: Colour, mutedText: Colour, grid: Colour,
        axis: Colour, accent: Colour, secondary: Colour, gap: Colour
    ) {
        self.fontFamily = fontFamily
        self.width = width
        self.fontSize = fontSize
        self.smallFontSize = smallFontSize
        self.barHeight = barHeight
        self.barGap = barGap
        self.margin = margin
        self.background = background
        self.text = text
        self.mutedText = mutedText
        self.grid = grid
        self.axis = axis
        self.accent = accent
        self.secondary = secondary
        self.gap = gap
    }

    /// The same charts laid out for a phone: 312 px wide (shown at 296-366 CSS px, so 12 px text
    /// renders at 11.4 px or more), labels above their bars.
    public var narrow: Theme {
        var t = self
        t.width = 312
        t.labelsAbove = true
        t.barHeight = 14
        t.barGap = 8
        return t
    }

    /// This theme with text measured by `measure`.
    public func measured(by measure: TextMeasure) -> Theme {
        var t = self
        t.measure = measure
        return t
    }

    /// The custom properties, in a fixed order: name (without `--ar-`) and colour.
    var properties: [(String, Colour)] {
        [
            ("bg", background), ("fg", text), ("muted", mutedText), ("grid", grid), ("axis", axis),
            ("accent", accent), ("secondary", secondary), ("gap", gap),
        ]
    }

    /// The light colour of a custom property, for presentation attributes.
    func light(_ property: String) -> String {
        properties.first { $0.0 == property }?.1.light ?? text.light
    }

    /// The stylesheet embedded in every chart: classes read the custom properties, which the
    /// dark colour scheme redefines on screens (a print is always light).
    public var stylesheet: String {
        var css = ".ar-chart{"
        for (name, colour) in properties { css += "--ar-\(name):\(colour.light);" }
        css += "}\n@media screen and (prefers-color-scheme: dark){.ar-chart{"
        for (name, colour) in properties { css += "--ar-\(name):\(colour.dark);" }
        css += "}}\n"
        for style in Style.allCases {
            css += ".\(style.className){\(style.css(self))}\n"
        }
        return css
    }
}
