internal import CLibXML2

/// The only owner of a libxml2 document: frees it when the last reference goes away.
///
/// Deliberately not `Sendable`: hand finished output between tasks as bytes.
public final class Document {
    /// The kind of serializer a document is written with.
    public enum Kind: Sendable {
        /// An HTML5 page: `<!DOCTYPE html>`, written with libxml2's HTML serializer.
        case html
        /// A standalone XML document (SVG), written with libxml2's XML serializer.
        case xml
    }

    let doc: xmlDocPtr
    public let kind: Kind

    private init(doc: xmlDocPtr, kind: Kind) {
        self.doc = doc
        self.kind = kind
    }

    deinit {
        xmlFreeDoc(doc)
    }

    /// A new, empty HTML5 document with `<!DOCTYPE html>` and no root yet.
    public static func html() -> Document {
        Library.initialize()
        // htmlNewDocNoDtD only fails when malloc fails; a crash then is the honest outcome.
        guard let doc = htmlNewDocNoDtD(nil, nil) else { fatalError("libxml2: out of memory") }
        _ = xmlCreateIntSubset(doc, "html", nil, nil)
        doc.pointee.encoding = xmlStrdupSwift("UTF-8")
        return Document(doc: doc, kind: .html)
    }

    /// A new XML document whose root element `name` is in namespace `namespaceURI`
    /// (for SVG: `http://www.w3.org/2000/svg`); children made through ``Element/append(_:)``
    /// share that namespace.
    public static func xml(root name: String, namespaceURI: String) -> Document {
        Library.initialize()
        guard let doc = xmlNewDoc("1.0") else { fatalError("libxml2: out of memory") }
        let document = Document(doc: doc, kind: .xml)
        guard let node = xmlNewDocNode(doc, nil, Text.clean(name), nil) else { fatalError("libxml2: out of memory") }
        let ns = xmlNewNs(node, Text.clean(namespaceURI), nil)
        xmlSetNs(node, ns)
        xmlDocSetRootElement(doc, node)
        return document
    }

    /// Parses a page template: well-formed HTML5 without the XHTML namespace, read as XML so that
    /// SVG names keep their case. Throws ``TemplateError`` with libxml2's line and message.
    public static func template(_ bytes: [UInt8], name: String) throws(TemplateError) -> Document {
        Library.initialize()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    xmlReadMemory($0, Int32(buf.count), name, "UTF-8", options)
                }
            }
        }
        guard let doc = parsed else {
            var message = "not well-formed"
            var line = 0
            if let err = xmlGetLastError() {
                line = Int(err.pointee.line)
                if let m = err.pointee.message { message = String(cString: m).trimmingTrailingNewlines() }
            }
            throw TemplateError(template: name, line: line, message: message)
        }
        // Re-home the tree into an HTML document so it is written by the HTML serializer.
        let page = Document.html()
        if let root = xmlDocGetRootElement(doc), let copy = xmlDocCopyNode(root, page.doc, 1) {
            xmlDocSetRootElement(page.doc, copy)
        }
        xmlFreeDoc(doc)
        return page
    }

    /// The root element, once there is one.
    public var root: Element? {
        xmlDocGetRootElement(doc).map { Element(document: self, node: $0) }
    }

    /// Sets a new root element named `name` (HTML documents).
    @discardableResult
    public func makeRoot(_ name: String) -> Element {
        guard let node = xmlNewDocNode(doc, nil, Text.clean(name), nil) else { fatalError("libxml2: out of memory") }
        xmlDocSetRootElement(doc, node)
        return Element(document: self, node: node)
    }

    /// Every element whose `data-slot` attribute equals `slot`, in document order.
    public func elements(slot: String) -> [Element] {
        var found: [Element] = []
        guard let root = xmlDocGetRootElement(doc) else { return found }
        Document.walk(root) { node in
            if Element.attribute(node, "data-slot") == slot {
                found.append(Element(document: self, node: node))
            }
        }
        return found
    }

    static func walk(_ node: xmlNodePtr, _ visit: (xmlNodePtr) -> Void) {
        // Iterative pre-order walk: templates and charts are shallow, but avoid recursion anyway.
        var stack: [xmlNodePtr] = [node]
        while let current = stack.popLast() {
            if current.pointee.type == XML_ELEMENT_NODE { visit(current) }
            var children: [xmlNodePtr] = []
            var child = current.pointee.children
            while let c = child {
                children.append(c)
                child = c.pointee.next
            }
            stack.append(contentsOf: children.reversed())
        }
    }

    /// The serialized document as UTF-8 bytes.
    ///
    /// HTML: `<!DOCTYPE html>` and the HTML serializer (void elements right, raw UTF-8).
    /// XML: an XML declaration and indented elements.
    public func serialize() -> [UInt8] {
        switch kind {
        case .html: return serializeHTML()
        case .xml: return serializeXML()
        }
    }

    private func serializeHTML() -> [UInt8] {
        guard let buffer = xmlAllocOutputBuffer(nil) else { fatalError("libxml2: out of memory") }
        htmlDocContentDumpFormatOutput(buffer, doc, "UTF-8", 1)
        _ = xmlOutputBufferFlush(buffer)
        var bytes: [UInt8] = []
        if let content = xmlOutputBufferGetContent(buffer) {
            let count = Int(xmlOutputBufferGetSize(buffer))
            bytes = Array(UnsafeBufferPointer(start: content, count: count))
        }
        _ = xmlOutputBufferClose(buffer)
        return bytes
    }

    private func serializeXML() -> [UInt8] {
        guard let buffer = xmlBufferCreate() else { fatalError("libxml2: out of memory") }
        defer { xmlBufferFree(buffer) }
        let options = Int32(XML_SAVE_FORMAT.rawValue)
        guard let ctx = xmlSaveToBuffer(buffer, "UTF-8", options) else { fatalError("libxml2: out of memory") }
        _ = xmlSaveDoc(ctx, doc)
        _ = xmlSaveClose(ctx)
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }
}

/// A template that libxml2 could not parse.
public struct TemplateError: Error, Sendable, Equatable {
    public var template: String
    public var line: Int
    public var message: String
}

/// One-time process set-up of libxml2. Call ``initialize()`` on the main thread before rendering
/// on several threads (libxml2 asks for that); it also happens on first use.
public enum Library {
    static let initialized: Bool = {
        xmlInitParser()
        activityreport_silence_errors()
        return true
    }()

    public static func initialize() { _ = initialized }
}

func xmlStrdupSwift(_ s: String) -> UnsafePointer<xmlChar>? {
    s.withCString { UnsafePointer(xmlCharStrdup($0)) }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while let last = s.last, last.isNewline { s.removeLast() }
        return s
    }
}
