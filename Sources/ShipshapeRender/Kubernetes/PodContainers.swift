import ShipshapeModel

/// The init containers and sidecars of a pod. Sidecars are native sidecars: init containers
/// with `restartPolicy: Always` (Kubernetes 1.29+, on by default; stable in 1.33). The kubelet
/// starts them in order before the init containers that follow and the main container, keeps
/// them running, stops them after the main container, and a Job completes without waiting for
/// them, which a plain second container in `containers` gives none of. Sidecars come first, so
/// an init container (a migration) can use one (a database proxy).
extension PodTemplate {
    var companionContainers: [DocNode] {
        service.companions.map { role, companion in
            container(for: service.companion(companion, role: role),
                      secretsVolume: Self.secretsVolumeName(of: companion))
        }
    }

    /// Restarted for the pod's whole life: a sidecar; run once: an init container (the pod's
    /// policy applies).
    func companionRestartPolicy(_ companion: Service) -> String? {
        service.sidecars.contains { $0.name == companion.containerName } ? "Always" : nil
    }

    /// A projected volume per container with secret files: each container sees only its own.
    var companionSecretVolumes: [DocNode] {
        service.companions.compactMap { role, container in
            secretsVolume(fileSecrets(of: service.companion(container, role: role)),
                          named: Self.secretsVolumeName(of: container))
        }
    }

    /// `secrets-<container>`.
    static func secretsVolumeName(of container: Container) -> String {
        "\(SecretRef.volumeName)-\(container.name)"
    }
}
