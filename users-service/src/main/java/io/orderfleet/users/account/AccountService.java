package io.orderfleet.users.account;

import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.common.web.PageQuery;
import io.orderfleet.common.web.PageResponse;
import io.orderfleet.users.auth.Sessions;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class AccountService {

    static final Map<String, String> SORTABLE = Map.of("createdAt", "created_at", "name", "name", "email", "email",
            "id", "id", "role", "role");

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final Sessions sessions;

    AccountService(UserRepository users, PasswordEncoder passwords, Sessions sessions) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
    }

    public UserAccount get(long id) {
        return users.findById(id).orElseThrow(() -> ProblemException.notFound("No such user."));
    }

    @Transactional
    public UserView updateMe(long id, String name, String currentPassword, String newPassword) {
        UserAccount me = users.findByIdForUpdate(id).orElseThrow(() -> ProblemException.notFound("No such user."));
        if (newPassword != null) {
            if (currentPassword == null || !passwords.matches(currentPassword, me.passwordHash())) {
                throw ProblemException.unprocessable("currentPassword", "does not match your current password");
            }
            users.updatePassword(id, passwords.encode(newPassword));
            sessions.revokeAll(id);
        }
        String newName = name == null ? me.name() : name.trim();
        if (newName.isEmpty()) {
            throw ProblemException.unprocessable("name", "must not be blank");
        }
        return users.update(id, newName, me.role(), me.active()).view();
    }

    @Transactional
    public UserView create(String name, String email, String password, String role) {
        try {
            return users.insert(name.trim(), EmailAddress.normalise(email), passwords.encode(password), role)
                    .view();
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("An account with this email already exists.");
        }
    }

    /**
     * Admin changes. Taking the active admins' row locks first serialises every change that could
     * remove the last admin, so two admins demoting each other at once cannot both succeed.
     */
    @Transactional
    public UserView update(long id, String name, String role, Boolean active) {
        int activeAdmins = users.lockActiveAdmins();
        UserAccount user = users.findByIdForUpdate(id).orElseThrow(() -> ProblemException.notFound("No such user."));
        String newRole = role == null ? user.role() : role;
        boolean newActive = active == null ? user.active() : active;
        boolean losesAdmin = user.isAdmin() && user.active() && (!"admin".equals(newRole) || !newActive);
        if (losesAdmin && activeAdmins <= 1) {
            throw ProblemException.conflict("This is the last active admin; promote another admin first.");
        }
        String newName = name == null ? user.name() : name.trim();
        if (newName.isEmpty()) {
            throw ProblemException.unprocessable("name", "must not be blank");
        }
        UserAccount updated = users.update(id, newName, newRole, newActive);
        if (!newActive) {
            sessions.revokeAll(id);
        }
        return updated.view();
    }

    public PageResponse<UserView> search(String q, String role, Boolean active, PageQuery page) {
        return PageResponse.of(users.search(q, role, active, page).stream().map(UserAccount::view).toList(), page,
                users.count(q, role, active));
    }

    public Map<String, Object> stats(int days) {
        return users.stats(days);
    }
}
