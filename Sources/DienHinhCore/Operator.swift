import Foundation

/// Who is at the keyboard: the name, unit and role every write of this user on this machine is stamped with
/// (issue 14). Set once with `dienhinh operator set`; kept in the user's config folder, so two clerks sharing a
/// database file each sign their own entries. Council acts are signed by the member's PIN instead.
public struct Operator: Equatable, Sendable, Codable {
    public var name: String
    public var unit: String
    public var role: String

    public init(name: String, unit: String, role: String) {
        self.name = name
        self.unit = unit
        self.role = role
    }

    /// `$DIENHINH_CONFIG_HOME`, else `$XDG_CONFIG_HOME/dienhinh`, else `~/.config/dienhinh`, then `operator.json`.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        ConfigFolder.path(environment: environment) + "/operator.json"
    }

    /// The operator set for this user, or nil when none is (or the file is not ours to read).
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> Operator? {
        guard let data = FileManager.default.contents(atPath: path(environment: environment)) else { return nil }
        return try? JSONDecoder().decode(Operator.self, from: data)
    }

    /// Writes the operator file (0600: a name and unit are nobody else's business), creating its folder.
    public func save(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let file = Self.path(environment: environment)
        let folder = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try e.encode(self).write(to: URL(fileURLWithPath: file), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
    }
}

/// The user's own settings folder (operator.json, keys.toml): `$DIENHINH_CONFIG_HOME`, else
/// `$XDG_CONFIG_HOME/dienhinh`, else `~/.config/dienhinh`.
public enum ConfigFolder {
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let d = environment["DIENHINH_CONFIG_HOME"], !d.isEmpty { return d }
        if let x = environment["XDG_CONFIG_HOME"], !x.isEmpty { return x + "/dienhinh" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/dienhinh"
    }
}
