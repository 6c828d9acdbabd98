// swift-tools-version: 6.1
import PackageDescription

/// Every target builds with the same strict settings: Swift 6 mode, strict
/// concurrency, and explicit `any` for existentials.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "oneonone",
    products: [
        .executable(name: "oneonone", targets: ["oneonone"]),
        .executable(name: "toml-json", targets: ["toml-json"]),
        .library(name: "TOML", targets: ["TOML"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(name: "Civil", swiftSettings: strict),
        .target(name: "TOML", dependencies: ["Civil"], swiftSettings: strict),
        .target(name: "ICalendar", dependencies: ["Civil"], swiftSettings: strict),
        .target(
            name: "OneOnOne",
            dependencies: ["Civil", "TOML"],
            swiftSettings: strict
        ),
        .target(name: "CPosix"),
        .target(name: "Posix", dependencies: ["CPosix"], swiftSettings: strict),
        .target(name: "OneOnOneStore", dependencies: ["OneOnOne", "TOML", "Posix", "ICalendar"], swiftSettings: strict),
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .target(
            name: "Systemd",
            dependencies: ["CSystemd", "Posix", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "Daemon",
            dependencies: [
                "Systemd", "OneOnOne", "OneOnOneStore", "Posix",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "toml-json", dependencies: ["TOML"], swiftSettings: strict),
        .executableTarget(
            name: "oneonone",
            dependencies: [
                "TOML", "OneOnOne", "OneOnOneStore", "Daemon", "Posix",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(name: "TestSupport", dependencies: ["Posix"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "TOMLTests", dependencies: ["TOML", "TestSupport"], exclude: ["Cases"], swiftSettings: strict),
        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "OneOnOneTests", dependencies: ["OneOnOne", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "OneOnOneStoreTests", dependencies: ["OneOnOneStore", "OneOnOne", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "SystemdTests", dependencies: ["Systemd", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "DaemonTests", dependencies: ["Daemon", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
