package io.orderfleet.users.account;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface UserRepository extends JpaRepository<UserAccount, Long>, JpaSpecificationExecutor<UserAccount> {

    /** The email is stored normalised ({@link EmailAddress}); the unique index makes this case-insensitive. */
    Optional<UserAccount> findByEmail(String email);

    boolean existsByRole(String role);

    /** Serialises changes of one account (its own PATCH against an admin's). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT u FROM UserAccount u WHERE u.id = :id")
    Optional<UserAccount> findByIdForUpdate(@Param("id") long id);

    /** Locks every active admin row: the last-admin rule is then checked with no concurrent change possible. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT u FROM UserAccount u WHERE u.role = 'admin' AND u.active = true ORDER BY u.id")
    List<UserAccount> lockActiveAdmins();
}
