import ShipshapeModel

struct ConsistentPortsRule: Rule {
    let description = RuleDescription(
        id: "consistent-ports", category: .consistency,
        summary: "The port a VM unit listens on is the port the proxy, the Service and compose use.",
        rationale: "Containers get their port from the spec, "
            + "but a host command (`systemd.command`) spells its own `--port`/`--bind`; "
            + "when they disagree nginx sends traffic to a closed port.",
        remediation: "Make the host command listen on the service's declared port.",
        severity: .error, targets: [.systemd],
        equivalents: ["(none: needs every target at once)"],
        triggering: [
            Example(SystemdExample.api("{user: demo, ↓command: [uvicorn, app:app, --port, \"8001\"]}",
                                       extra: "ports: [{name: http, port: 8000}]")),
        ],
        nonTriggering: [
            Example(SystemdExample.api("{user: demo, command: [uvicorn, app:app, --host, 127.0.0.1, --port, \"8000\"]}",
                                       extra: "ports: [{name: http, port: 8000}]")),
        ])

    /// Ports a command line says it listens on: `--port N`, `--port=N`, `-p N`, `--bind host:N`, `-b host:N`.
    static func listenPorts(_ words: [String]) -> [Int] {
        var ports: [Int] = []
        for (index, word) in words.enumerated() {
            let next = index + 1 < words.count ? words[index + 1] : ""
            if ["--port", "-p"].contains(word), let n = Int(next) { ports.append(n) }
            if word.hasPrefix("--port="), let n = Int(word.dropFirst(7)) { ports.append(n) }
            if ["--bind", "-b"].contains(word), let n = next.split(separator: ":").last.flatMap({ Int($0) }) {
                ports.append(n)
            }
            if word.hasPrefix("--bind="), let n = word.split(separator: ":").last.flatMap({ Int($0) }) {
                ports.append(n)
            }
        }
        return ports
    }

    func check(_ context: RuleContext) -> [Finding] {
        context.services.compactMap { service in
            guard service.systemd.hostUnit == nil, let command = service.systemd.command, !service.ports.isEmpty else {
                return nil
            }
            let declared = Set(service.ports.map(\.port))
            let stray = Self.listenPorts(command).filter { !declared.contains($0) }
            guard let port = stray.first else { return nil }
            let ports = declared.sorted().map(String.init).joined(separator: ", ")
            return context.finding("the host command of service '\(service.name)' listens on \(port), "
                                       + "but the service declares \(ports) (nginx, Services and compose use those)",
                                   at: context.serviceLocation(service, Key.Service.systemd,
                                                               Key.Systemd.command), service: service,
                                   artifact: "\(context.unitFile(service)): ExecStart")
        }
    }
}
