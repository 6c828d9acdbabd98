import OneOnOneStore
import TestSupport
import Testing
import Glibc
import Posix

@Suite("durable writes and the directory lock")
struct DurableTests {
    @Test("an atomic write replaces the file whole and leaves no temporary file behind")
    func atomicWrite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/f.toml"
        try FileSystem.atomicWrite(path: path, bytes: Array("one\n".utf8))
        try FileSystem.atomicWrite(path: path, bytes: Array("two\n".utf8))
        #expect(try text(path) == "two\n")
        #expect(try listDirectory(dir.path) == ["f.toml"])
        #expect(try mode(path) == 0o600)
    }

    @Test("an atomic write into a missing directory fails with the path and errno text")
    func atomicWriteMissingDirectory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let error = try #require(throws: SystemError.self) {
            try FileSystem.atomicWrite(path: dir.path + "/nope/f.toml", bytes: [1])
        }
        #expect(error.errno.code == ENOENT)
        #expect(error.description.contains("/nope/f.toml"))
        #expect(error.description.contains("No such file or directory"))
    }

    @Test("an append adds the bytes at the end and can first cut a torn tail")
    func append() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/log"
        try FileSystem.appendRecord(path: path, bytes: Array("a\n".utf8))
        try FileSystem.appendRecord(path: path, bytes: Array("b\n".utf8))
        try dir.write("log", "a\nb\ntorn")
        try FileSystem.appendRecord(path: path, bytes: Array("c\n".utf8), truncatingTo: 4)
        #expect(try text(path) == "a\nb\nc\n")
        #expect(try mode(path) == 0o600)
    }

    @Test("missing directories are created private, parents included")
    func createDirectories() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileSystem.createDirectories(dir.path + "/x/y/z")
        #expect(FileSystem.isDirectory(dir.path + "/x/y/z"))
        #expect(try mode(dir.path + "/x/y") == 0o700)
        try FileSystem.createDirectories(dir.path + "/x/y/z")
        try dir.write("file", "")
        #expect(throws: SystemError.self) { try FileSystem.createDirectories(dir.path + "/file") }
    }

    @Test("the exclusive lock admits one holder at a time, across threads of one process")
    func exclusiveLock() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let inside = Counter(), most = Counter(), failures = Failures()
        onThreads(6) { _ in
            for _ in 0..<20 {
                do {
                    try FileLock.withExclusiveLock(directory: dir.path) {
                        most.raise(to: inside.add(1))
                        usleep(200)
                        _ = inside.add(-1)
                    }
                } catch { failures.add("\(error)") }
            }
        }
        #expect(failures.all.isEmpty)
        #expect(most.value == 1)
    }

    @Test("the shared lock works in a directory that does not exist yet, without creating it")
    func sharedLockMissingDirectory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let answer = try FileLock.withSharedLock(directory: dir.path + "/none") { 42 }
        #expect(answer == 42)
        #expect(!FileSystem.exists(dir.path + "/none"))
    }
}

@Suite("durable writes: what an interrupted write leaves")
struct InterruptedWriteTests {
    @Test("the temporary files an interrupted replace left are removed by the next replace of that file, and only those")
    func staleTemporariesRemoved() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(".members.toml.tmp-Ab12Cd", "half written")
        try dir.write(".fired.toml.tmp-Zz99Yy", "another file's")
        try FileSystem.atomicWrite(path: dir.path + "/members.toml", bytes: Array("[seen]\n".utf8))
        #expect(try listDirectory(dir.path) == [".fired.toml.tmp-Zz99Yy", "members.toml"])
    }
}
