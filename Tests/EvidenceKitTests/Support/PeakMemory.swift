import Foundation

extension TestSupport {
    /// Runs the built `evidence` binary as a child of a small Python wrapper that reads the child's own peak resident
    /// set size from `wait4`; returns the exit status, the peak in bytes and what it said on standard error.
    static func evidencePeakMemory(_ arguments: [String], in directory: URL) throws -> (status: Int32, peak: Int, stderr: String) {
        let wrapper = """
            import os, subprocess, sys
            child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            said = child.stderr.read()
            _, status, usage = os.wait4(child.pid, 0)
            sys.stderr.buffer.write(said)
            print(usage.ru_maxrss * 1024)  # Linux reports kilobytes
            sys.exit(os.waitstatus_to_exitcode(status))
            """
        let run = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"),
                                      ["python3", "-c", wrapper, TestSupport.evidenceBinary.path] + arguments, in: directory)
        return (run.status, Int(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .max, run.stderr)
    }
}
