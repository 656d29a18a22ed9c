@testable import ShipshapeLoader
import Testing

/// The fast paths of the loader answer what the plain ones did.
@Suite struct LookupTests {
    @Test func everySchemaFieldIsFoundByNameAndNothingElse() {
        for object in DefaultsTests.objects.values {
            for field in object.fields {
                #expect(object.field(field.name)?.name == field.name, "\(object.title).\(field.name)")
                #expect(object.field(field.name + "x") == nil || object.fields.contains { $0.name == field.name + "x" })
            }
            #expect(object.field("") == nil)
            #expect(object.field("no-such-field") == nil)
        }
    }

    @Test func secretReferencesSplitAtTheirOneSlash() {
        #expect(ServiceDecoder.reference("app/database-url")! == ("app", "database-url"))
        for bad in ["app", "/key", "app/", "a/b/c", "", "/"] {
            #expect(ServiceDecoder.reference(bad) == nil, "\(bad)")
        }
        // Other text is split on its characters, as before: a slash with a combining mark is
        // one character, not a separator.
        #expect(ServiceDecoder.reference("é/ü")! == ("é", "ü"))
        #expect(ServiceDecoder.reference("a/\u{301}b") == nil)
    }
}
