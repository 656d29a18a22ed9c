import Foundation
import ShipshapeModel

/// The files of one write grouped by the owned folder that holds them, with each folder's
/// manifest (see `OutputWriter`).
struct OwnedFiles {
    /// The owned folders, relative to the output folder (`production/kubernetes`).
    let owned: [String]
    let files: [RenderedFile]
    /// For each owned folder, the positions of its files in `files`.
    let members: [[Int]]

    init(_ files: [RenderedFile], owned: [String]) throws {
        let prefixes = owned.map { Array($0.utf8) + [UInt8(ascii: "/")] }
        var members = Array(repeating: [Int](), count: owned.count)
        for (index, file) in files.enumerated() {
            guard let owner = prefixes.firstIndex(where: { file.path.utf8.starts(with: $0) }) else {
                throw OutputWriter.Failure(description: "internal error: \(file.path) is outside the folders "
                                               + "being rendered")
            }
            members[owner].append(index)
        }
        self.init(owned: owned, files: files, members: members)
    }

    private init(owned: [String], files: [RenderedFile], members: [[Int]]) {
        self.owned = owned
        self.files = files
        self.members = members
    }

    /// The paths of one owned folder's files, relative to it.
    func relativePaths(_ folder: Int) -> [String] {
        let drop = owned[folder].utf8.count + 1
        return members[folder].map { String(Substring(files[$0].path.utf8.dropFirst(drop))) }
    }

    /// Each owned folder's manifest: the files shipshape wrote there, sorted.
    var manifests: [RenderedFile] {
        owned.indices.map { folder in
            RenderedFile(path: "\(owned[folder])/\(OutputWriter.manifestName)",
                         contents: OutputWriter.manifest(relativePaths(folder)))
        }
    }

    /// Only the owned folders at `positions`, with their files.
    func selected(_ positions: [Int]) -> OwnedFiles {
        var kept: [RenderedFile] = []
        var members: [[Int]] = []
        for folder in positions {
            members.append(Array(kept.count..<(kept.count + self.members[folder].count)))
            kept += self.members[folder].map { files[$0] }
        }
        return OwnedFiles(owned: positions.map { owned[$0] }, files: kept, members: members)
    }

    /// The positions of the owned folders that already hold exactly these files and manifest, each
    /// as a write would leave it (`StagedFile.isReusable`), and nothing else: no other file, link
    /// or folder. Replacing them would change nothing.
    func unchanged(_ listings: [FolderReader.Listing], in outputFolder: String,
                   permissions: StagedFile.Permissions) -> Set<Int> {
        let manifests = manifests
        var candidates: [Int] = []
        for folder in owned.indices {
            let listing = listings[folder]
            let relative = relativePaths(folder) + [OutputWriter.manifestName]
            guard listing.others.isEmpty, listing.files.count == relative.count,
                  Set(listing.files) == Set(relative) else { continue }
            var parents: Set<Substring> = []
            for path in relative {
                var parent = OutputWriter.parent(of: path)
                while !parent.isEmpty, parents.insert(parent).inserted {
                    parent = OutputWriter.parent(of: String(parent))
                }
            }
            guard listing.folders.count == parents.count,
                  listing.folders.allSatisfy({ parents.contains(Substring($0)) }) else { continue }
            candidates.append(folder)
        }
        // The bytes of every candidate's files, compared on every core.
        let checks = candidates.flatMap { folder in
            members[folder].map { (folder, files[$0]) } + [(folder, manifests[folder])]
        }
        let slices = stride(from: 0, to: checks.count, by: 512).map { $0..<min($0 + 512, checks.count) }
        let differing = Parallel.map(slices) { slice in
            var differing: Set<Int> = []
            for (folder, file) in checks[slice] where !differing.contains(folder) {
                let path = "\(outputFolder)/\(file.path)"
                if !StagedFile.holds(path, file.contents, as: permissions) {
                    differing.insert(folder)
                }
            }
            return differing
        }
        return Set(candidates).subtracting(differing.joined())
    }
}
