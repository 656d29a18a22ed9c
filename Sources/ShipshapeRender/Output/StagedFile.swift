import Foundation

/// Files of the staging folder taken from the folder a render replaces.
///
/// Most renders into an existing folder change few files, and creating 15,000 inodes next to the
/// 15,000 just freed costs ext4 seconds. A file whose old copy holds exactly the new bytes is
/// hard-linked into the staging folder instead of written. Atomicity is unchanged: the staging
/// folder is still complete before the journal and the exchange, and nothing ever changes a file
/// in place (the old folder only loses its names when it is deleted after the exchange).
enum StagedFile {
    /// What a file this process writes gets: a file with another mode (chmod by hand) or owner is
    /// rewritten, never reused.
    struct Permissions: Sendable {
        let mode: mode_t
        let owner: uid_t

        /// Call before any other thread creates files (it reads the umask by setting it).
        static func current() -> Permissions {
            let mask = umask(0)
            umask(mask)
            return Permissions(mode: 0o644 & ~mask, owner: geteuid())
        }

        /// Whether the file at `path` may be kept as written: a regular file of `size` bytes that
        /// this user owns, with the mode a write would give it, and no other name (a file linked
        /// elsewhere, such as a backup made with `cp -al`, stays out of the output).
        func isReusable(_ path: String, size: Int) -> Bool {
            var info = stat()
            return lstat(path, &info) == 0 && allows(info) && Int(info.st_size) == size
        }

        /// Whether a file of `info` is kept as written (`isReusable`, but for its size).
        func allows(_ info: stat) -> Bool {
            info.st_mode & S_IFMT == S_IFREG && info.st_nlink == 1 && info.st_uid == owner
                && info.st_mode & 0o7777 == mode
        }
    }

    struct Reuse: Sendable {
        let outputFolder: String
        /// Folders of the current output, relative (`development/compose/nginx`), that are real
        /// folders from their owned folder down: files are only taken from these, never through
        /// a symbolic link to a file shipshape did not write.
        let folders: Set<String>
        let permissions: Permissions

        /// `stagingFolders`: the staging folders the files go to (`STAGING/production/kubernetes`).
        init(outputFolder: String, owned: [String], folders stagingFolders: Set<String>, staging: String,
             permissions: Permissions) {
            self.outputFolder = outputFolder
            self.permissions = permissions
            var real: Set<String> = []
            let prefix = staging + "/"
            for folder in stagingFolders where folder.hasPrefix(prefix) {
                let relative = String(folder.dropFirst(prefix.count))
                guard let root = owned.first(where: { relative == $0 || relative.hasPrefix($0 + "/") }),
                      Self.isFolderChain(relative, below: root, in: outputFolder) else { continue }
                real.insert(relative)
            }
            for folder in owned where Self.isFolderChain(folder, below: folder, in: outputFolder) {
                real.insert(folder)
            }
            folders = real
        }

        /// Whether `outputFolder/folder` and every folder between it and `root` are folders
        /// (the owned folder's own path is checked by `OutputWriter.checkLinks`).
        static func isFolderChain(_ folder: String, below root: String, in outputFolder: String) -> Bool {
            var path = "\(outputFolder)/\(root)"
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return false }
            for component in folder.dropFirst(root.count).split(separator: "/") {
                path += "/\(component)"
                guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return false }
            }
            return true
        }

        /// Hard-links the old copy of `file` to `path` when it holds the same bytes; false when
        /// the file must be written.
        func take(_ file: RenderedFile, to path: String) -> Bool {
            guard let slash = file.path.utf8.lastIndex(of: UInt8(ascii: "/")),
                  folders.contains(String(file.path[..<slash])) else { return false }
            let old = "\(outputFolder)/\(file.path)"
            guard permissions.isReusable(old, size: file.contents.utf8.count), link(old, path) == 0 else {
                return false
            }
            // Compare the inode now linked, so what is kept is what was compared.
            if StagedFile.holds(path, file.contents) { return true }
            unlink(path)
            return false
        }
    }

    /// Whether the file at `path` holds exactly the UTF-8 of `contents` and, with `permissions`,
    /// may be kept as written (`Permissions.isReusable`). Checked on the file opened, with one
    /// `open`, `fstat` and `read` (a render into an unchanged folder compares 15,000 files, and a
    /// look up of the path for `lstat` and a read to find the end cost a third of its time in
    /// the kernel). A named pipe is opened without waiting for a writer, then turned down.
    static func holds(_ path: String, _ contents: String, as permissions: Permissions? = nil) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, permissions?.allows(info) ?? true else {
            return false
        }
        var contents = contents
        return contents.withUTF8 { expected in
            guard Int(info.st_size) == expected.count else { return false }
            guard let base = expected.baseAddress, !expected.isEmpty else { return true }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: expected.count, alignment: 16)
            defer { buffer.deallocate() }
            var filled = 0
            while filled < expected.count {
                let got = read(fd, buffer.baseAddress! + filled, expected.count - filled)
                guard got > 0 else { return false }
                filled += got
            }
            return memcmp(buffer.baseAddress!, base, filled) == 0
        }
    }
}
