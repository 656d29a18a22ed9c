import ShipshapeModel

extension ServiceDecoder {
    /// `aliases`: network names, each valid and given once (uniqueness across services is the
    /// semantic checks'). All are kept, so an index still names its entry in the spec.
    func aliases(_ f: Fields) -> [String] {
        let aliases = f.strings(Key.Service.aliases) ?? []
        for (index, alias) in aliases.enumerated() {
            let at = f[Key.Service.aliases]?.sequence?[index].location
            if !Names.isAlias(alias) {
                diagnostics.error("'\(Fields.shorten(alias))' is not a valid alias", at: at, expected: Names.aliasForm)
            } else if aliases[..<index].contains(alias) {
                diagnostics.error("alias '\(alias)' is given twice", at: at, expected: "each alias once")
            }
        }
        return aliases
    }
}
