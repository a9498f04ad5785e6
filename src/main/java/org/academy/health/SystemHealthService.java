package org.academy.health;

import java.util.List;

import org.academy.security.AdminOnly;
import org.academy.security.CurrentUser;
import org.academy.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/** Operational figures of every node, for platform administrators (the System health page). */
@Service
public class SystemHealthService {

    private final HealthSampler sampler;

    SystemHealthService(HealthSampler sampler) {
        this.sampler = sampler;
    }

    /** The latest figures of each node, this node first. */
    @AdminOnly
    public List<NodeFigures> nodes() {
        requireAdmin();
        return sampler.nodes();
    }

    /** This node's figures of the last five minutes, oldest first. */
    @AdminOnly
    public List<NodeFigures> history() {
        requireAdmin();
        return sampler.history();
    }

    private static void requireAdmin() {
        if (!CurrentUser.require().roles().contains(Role.ADMIN)) {
            throw new AccessDeniedException("Administrators only");
        }
    }
}
