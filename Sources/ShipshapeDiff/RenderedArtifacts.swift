import ShipshapeModel
import ShipshapeRender

extension ArtifactReader {
    /// Diff items of rendered artifacts. Kubernetes objects and compose files are compared as
    /// built, without printing and parsing them; nginx and systemd files are read back from
    /// their text. Each names the file the flat layout writes it to.
    public static func artifacts(rendered: [ShipshapeRender.Artifact]) throws -> [Artifact] {
        try rendered.flatMap { artifact -> [Artifact] in
            let path = Layout.flatPath(artifact)
            if let document = artifact.document {
                return artifacts(documents: [DiffValue(document)], file: path)
            }
            return artifacts(RenderedFile(path: path, contents: try artifact.text()))
        }
    }
}
