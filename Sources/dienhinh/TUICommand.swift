import ArgumentParser
import DienHinhCore
import DienHinhStore
import Foundation

struct TUI: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "The terminal interface (the default command).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let s = global.strings
        var created = false
        let db: AppDatabase
        if FileManager.default.fileExists(atPath: global.path) {
            db = try global.open()
        } else {
            db = try reporting(s) { try AppDatabase.create(path: global.path, demo: .sector) }
            created = true
        }
        if created { Console.out(s("summary.created", global.path)) }
        Console.out(s("summary.title", global.path))
        for c in try reporting(s, { try db.levelCounts() }) {
            Console.out("  " + s("level.\(c.level.rawValue)") + ": " + s("units.count", c.units) + ", " + s("candidates.count", c.candidates))
        }
    }
}
