internal import CLibXML2

/// A non-owning handle to an element; it keeps its document alive.
///
/// Text and attribute values only reach libxml2 through calls that escape them on output
/// (`xmlNewDocText`, `xmlSetProp`), after ``Text/clean(_:)``. There is no way to add raw markup.
public struct Element {
    public let document: Document
    let node: xmlNodePtr

    init(document: Document, node: xmlNodePtr) {
        self.document = document
        self.node = node
    }

    /// The element's name.
    public var name: String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// Appends a child element named `name` (in the parent's namespace) and returns it.
    @discardableResult
    public func append(_ name: String) -> Element {
        let child = xmlString(Text.clean(name)) { xmlNewDocNode(document.doc, node.pointee.ns, $0, nil) }
        guard let child else { fatalError("libxml2: out of memory") }
        xmlAddChild(node, child)
        return Element(document: document, node: child)
    }

    /// Appends a child element with attributes and optional text, and returns it.
    @discardableResult
    public func append(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil) -> Element {
        let child = append(name)
        for (key, value) in attributes { child.set(key, value) }
        if let text { child.text(text) }
        return child
    }

    /// Appends `text` as a text node; libxml2 escapes it when writing.
    @discardableResult
    public func text(_ text: String) -> Element {
        let scan = Text.scan(text)
        if scan.clean && !scan.colonOrEquals {
            // Nothing to clean or defang: one text node (the common case).
            if !text.isEmpty { appendSegments([.text(text)], to: node) }
            return self
        }
        let cleaned = scan.clean ? text : Text.clean(text)
        guard !cleaned.isEmpty else { return self }
        appendSegments(of: cleaned, to: node)
        return self
    }

    /// Sets attribute `name` to `value`; libxml2 escapes the value when writing.
    @discardableResult
    public func set(_ name: String, _ value: String) -> Element {
        let name = Text.clean(name)
        let scan = Text.scan(value)
        let cleaned = scan.clean ? value : Text.clean(value)
        let segments = scan.clean && !scan.colonOrEquals ? [] : Defang.segments(cleaned)
        if segments.isEmpty || (segments.count == 1 && segments[0] == .text(cleaned)) {
            xmlString(name) { name in xmlString(cleaned) { _ = xmlSetProp(node, name, $0) } }
            return self
        }
        let attr = xmlString(name) { xmlSetProp(node, $0, "") }
        guard let attr else { fatalError("libxml2: out of memory") }
        // An attribute's value is its list of text and character-reference children.
        attr.withMemoryRebound(to: xmlNode.self, capacity: 1) { appendSegments(segments, to: $0) }
        return self
    }

    private func appendSegments(of text: String, to parent: xmlNodePtr) {
        appendSegments(Defang.segments(text), to: parent)
    }

    private func appendSegments(_ segments: [Defang.Segment], to parent: xmlNodePtr) {
        for segment in segments {
            let child: xmlNodePtr?
            switch segment {
            case .text(let s): child = xmlString(s) { xmlNewDocText(document.doc, $0) }
            case .reference(let r): child = xmlString(r) { xmlNewCharRef(document.doc, $0) }
            }
            guard let child else { fatalError("libxml2: out of memory") }
            xmlAddChild(parent, child)
        }
    }

    /// The value of attribute `name`, if set.
    public func attribute(_ name: String) -> String? {
        Element.attribute(node, name)
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { activityreport_xmlFree(value) }
        return String(cString: value)
    }

    /// Removes every child of this element.
    public func removeChildren() {
        while let child = node.pointee.children {
            xmlUnlinkNode(child)
            xmlFreeNode(child)
        }
    }

    /// Removes attribute `name` if present.
    public func removeAttribute(_ name: String) {
        if let attr = xmlHasProp(node, name) {
            xmlRemoveProp(attr)
        }
    }

    /// Appends a deep copy of `other` (usually the root of another document, such as an SVG
    /// chart) as the last child of this element; returns the copy.
    @discardableResult
    public func appendCopy(of other: Element) -> Element {
        guard let copy = xmlDocCopyNode(other.node, document.doc, 1) else { fatalError("libxml2: out of memory") }
        xmlAddChild(node, copy)
        return Element(document: document, node: copy)
    }

    /// The element's text content (all descendant text), for tests and checks.
    public var textContent: String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { activityreport_xmlFree(content) }
        return String(cString: content)
    }

    /// The child elements, in order.
    public var children: [Element] {
        var result: [Element] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { result.append(Element(document: document, node: c)) }
            child = c.pointee.next
        }
        return result
    }
}

/// Hands `s` to libxml2 as a NUL-terminated `xmlChar` string without copying it into a new array
/// (Swift's implicit conversion to `UnsafePointer<UInt8>` allocates one for every call).
@inline(__always)
func xmlString<R>(_ s: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
    s.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
}
