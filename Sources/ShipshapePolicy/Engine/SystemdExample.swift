/// A stack with one VM service `api` rendered as a systemd unit.
enum SystemdExample {
    static func api(_ systemd: String = "{user: demo, execPath: /usr/bin/demo}", extra: String = "") -> String {
        """
        stack: demo
        targets: [systemd]
        services:
          api:
            image: demo/api:1.0.0
            command: [demo, serve]
            resources: {limits: {memory: 256Mi}}
            systemd: \(systemd)
        \(extra.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        """
    }
}
