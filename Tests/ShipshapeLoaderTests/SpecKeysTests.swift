import ShipshapeLoader
import ShipshapeModel
import Testing

/// What the generated field constants (`Key`, SpecKeys.generated.swift) cannot cover by
/// themselves: enum raw values, which must be literals, and the titles that name defaults.
@Suite struct SpecKeysTests {
    @Test func containerRolesAreTheServiceFields() {
        #expect(Container.Role.initContainer.rawValue == Key.Service.initContainers)
        #expect(Container.Role.sidecar.rawValue == Key.Service.sidecars)
    }

    @Test func namespacesAreSchemaTitles() {
        #expect(Key.Proxy.schemaTitle == SpecSchema.proxy.title)
        #expect(Key.Stack.schemaTitle == SpecSchema.stack.title)
        #expect(Key.Service.schemaTitle == SpecSchema.service.title)
    }
}
