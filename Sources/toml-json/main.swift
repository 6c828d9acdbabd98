// toml-json: the decoder interface TOML conformance suites drive.
//
// Reads a TOML document on standard input. A valid document prints its
// tagged JSON on standard output and exits 0; an invalid one prints a
// diagnostic on standard error and exits with status exactly 1.

import Glibc
import TOML

/// All of standard input.
func readStandardInput() -> [UInt8] {
    var bytes: [UInt8] = []
    // A redirected file says how big it is, which saves regrowing.
    var status = stat()
    if fstat(0, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0 {
        bytes.reserveCapacity(Int(status.st_size))
    }
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if n > 0 {
            bytes.append(contentsOf: chunk[0..<n])
        } else if n == 0 || errno != EINTR {
            // A read error ends the input like end of file does; the parser
            // then judges what arrived.
            return bytes
        }
    }
}

/// Writes all of `text` to `fd`, however many calls it takes.
func writeAll(_ fd: Int32, _ text: String) {
    var text = text
    text.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n > 0 {
                offset += n
            } else if n < 0, errno != EINTR {
                return
            }
        }
    }
}

let input = readStandardInput()
do throws(TOMLError) {
    let table = try TOMLParser.parse(input)
    writeAll(1, TOMLTaggedJSON.encode(table))
    writeAll(1, "\n")
    exit(0)
} catch {
    writeAll(2, error.rendered(file: "<stdin>"))
    exit(1)
}
