// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "DienHinh",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dienhinh", targets: ["dienhinh"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"4.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.18.2"),
        // Seeded property tests for the parsers that read outside data (make fuzz).
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        // Reference data and every visible string, shipped as a resource bundle.
        .target(
            name: "DienHinhResources",
            dependencies: ["DienHinhCore"],
            path: "Resources",
            exclude: ["README.md"],
            resources: [.copy("data")]
        ),
        // The domain: pure values and rules, Foundation only.
        .target(name: "DienHinhCore"),
        // The demo data set (seeded, marked as demo): generated from the domain, stored by the store.
        .target(name: "DienHinhDemo", dependencies: ["DienHinhCore"]),
        .target(
            name: "DienHinhStore",
            dependencies: [
                "DienHinhCore", "DienHinhDemo", "DienHinhResources",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ]
        ),
        // The terminal model with no curses in it.
        .target(name: "TerminalKit"),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "NcursesBackend", dependencies: ["TerminalKit", "CNcurses"]),
        // Screens in the Elm style: state, message, update, view.
        .target(name: "DienHinhApp", dependencies: ["DienHinhCore", "TerminalKit", "DienHinhResources"]),
        // Runs the app's effects against the store; drives any Backend.
        .target(name: "DienHinhRuntime", dependencies: ["DienHinhCore", "DienHinhResources", "DienHinhApp", "DienHinhStore", "TerminalKit"]),
        .executableTarget(
            name: "dienhinh",
            dependencies: [
                "DienHinhCore", "DienHinhDemo", "DienHinhStore", "DienHinhApp", "DienHinhRuntime", "TerminalKit", "NcursesBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The Swift runtime and Foundation linked in: every command is a short process, and loading a dozen
            // shared Swift libraries and resolving their symbols took more time than a search does (issue 7).
            // Static FoundationXML (XMLCoder's parser) needs its C part, CoreFoundation and libxml2 named, in a
            // group because the archives refer to each other. Not position-independent: the loader then has no
            // 117,000 relative relocations to apply (and pages to copy) at each start (issue 23); the shared
            // libraries are still placed at random.
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xclang-linker", "-no-pie"] + [
                "--start-group", "-lFoundationXML", "-l_CFXMLInterface", "-lFoundation", "-lCoreFoundation",
                "-lFoundationEssentials", "-lFoundationInternationalization", "-l_FoundationICU", "-l_FoundationCShims",
                "-l_FoundationCollections", "-lswiftSynchronization", "--end-group", "-lxml2",
            ].flatMap { ["-Xlinker", $0] }, .when(platforms: [.linux]))]
        ),
        // The time-budgeted fuzz harness and byte mutators the parser fuzz tests share.
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/FuzzSupport"
        ),
        .testTarget(
            name: "DienHinhCoreTests",
            dependencies: ["DienHinhCore", "DienHinhDemo", "FuzzSupport"]
        ),
        .testTarget(
            name: "DienHinhStoreTests",
            dependencies: [
                "DienHinhStore", "DienHinhCore", "DienHinhDemo",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
                "FuzzSupport",
            ]
        ),
        .testTarget(
            name: "TerminalKitTests",
            dependencies: ["TerminalKit", "FuzzSupport"]
        ),
        .testTarget(
            name: "DienHinhAppTests",
            dependencies: ["DienHinhApp", "DienHinhRuntime", "DienHinhStore", "TerminalKit",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Drive the built binary (CLI and tmux); needs `swift build` first (the Makefile does it).
        .testTarget(name: "EndToEndTests", dependencies: ["DienHinhCore", "DienHinhDemo"]),
    ]
)
