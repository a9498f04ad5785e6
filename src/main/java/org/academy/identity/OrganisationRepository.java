package org.academy.identity;

import org.springframework.data.jpa.repository.JpaRepository;

interface OrganisationRepository extends JpaRepository<Organisation, Long> {
    boolean existsByNameIgnoreCase(String name);
}
