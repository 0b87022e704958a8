import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who may read the database file and its `-wal` and `-shm` beside it (issue 18). A reader of the file sees the
/// ballot box fill while a round is open and can try PINs against the stored hashes at leisure, so the file is
/// its owner's alone (0600), or its owner's and one named group's when asked (`init --group`, 0660).
/// SQLite gives the sidecars the main file's mode when it creates them.
public enum FileAccess {
    public static let sidecars = ["-wal", "-shm"]

    /// Creates an empty file that only its owner may read and write.
    static func createPrivate(_ path: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.cannotOpen(path: path) }
        // The umask can only take bits away; set exactly what is meant.
        fchmod(fd, 0o600)
        close(fd)
    }

    /// Gives `group` read and write on the file (and its sidecars, where they exist): 0660.
    static func share(_ path: String, group: String) throws {
        guard let entry = getgrnam(group) else { throw StoreError.unknownGroup(group) }
        for p in [path] + sidecars.map({ path + $0 }) where FileManager.default.fileExists(atPath: p) {
            guard chown(p, uid_t.max, entry.pointee.gr_gid) == 0, chmod(p, 0o660) == 0 else {
                throw StoreError.cannotShare(path: p, group: group)
            }
        }
    }

    /// The files of the database (the main one and the sidecars that exist) that users other than the owner and
    /// the file's group may read or write.
    public static func openToOthers(_ path: String) -> [String] {
        ([path] + sidecars.map { path + $0 }).filter { p in
            var st = stat()
            return stat(p, &st) == 0 && st.st_mode & 0o006 != 0
        }
    }

    /// The mode bits of a file (0o600), nil when it cannot be read.
    public static func mode(_ path: String) -> Int? {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_mode & 0o777) : nil
    }
}
