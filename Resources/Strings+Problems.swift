import DienHinhCore

extension Strings {
    /// A record's problem in words: the field by `label` (a form's label; the contract's column name when nil,
    /// as a file shows it), each award type by its name. `beside` leaves the field out, for a message shown next
    /// to the field it concerns.
    public func message(_ p: FieldProblem, label: String? = nil, beside: Bool = false) -> String {
        let name = label ?? p.field
        let text = format(p.key, [name] + p.values.map { value in
            switch value {
            case .text(let t): t
            case .award(let a): self("award.\(a.rawValue)")
            }
        })
        let prefix = name + ": "
        return beside && text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}
