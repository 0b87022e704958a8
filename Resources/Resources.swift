import Foundation

/// The reference data and texts shipped with the binary, found the same way under `swift run`, `make run` and `make install`.
public enum DienHinhResources {
    /// A file from `Resources/data`, e.g. `provinces.csv`.
    public static func url(_ name: String) -> URL? {
        guard let root = Bundle.module.resourceURL else { return nil }
        let url = root.appendingPathComponent("data").appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The file's bytes; the bundle is part of the build, so a missing file is a packaging bug.
    public static func data(_ name: String) -> Data {
        guard let url = url(name), let data = try? Data(contentsOf: url) else {
            fatalError("resource \(name) missing from the DienHinh bundle")
        }
        return data
    }

    public static func text(_ name: String) -> String {
        String(decoding: data(name), as: UTF8.self)
    }
}
