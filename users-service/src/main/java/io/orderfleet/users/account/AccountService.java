package io.orderfleet.users.account;

import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.common.web.PageQuery;
import io.orderfleet.common.web.PageResponse;
import io.orderfleet.users.auth.Sessions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class AccountService {

    private final UserRepository users;
    private final UserStatsRepository stats;
    private final PasswordEncoder passwords;
    private final Sessions sessions;

    AccountService(UserRepository users, UserStatsRepository stats, PasswordEncoder passwords, Sessions sessions) {
        this.users = users;
        this.stats = stats;
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
            me.changePassword(passwords.encode(newPassword));
            sessions.revokeAll(id);
        }
        String newName = name == null ? me.name() : name.trim();
        if (newName.isEmpty()) {
            throw ProblemException.unprocessable("name", "must not be blank");
        }
        me.change(newName, me.role(), me.active());
        return me.view();
    }

    /**
     * Creates an account (in its own short transaction, after the BCrypt work, so no connection waits
     * on hashing); the unique index on the normalised email turns a duplicate into 409.
     */
    public UserView create(String name, String email, String password, String role) {
        String hash = passwords.encode(password);
        try {
            return users.saveAndFlush(new UserAccount(name.trim(), EmailAddress.normalise(email), hash, role)).view();
        } catch (DataIntegrityViolationException e) {
            throw ProblemException.conflict("An account with this email already exists.");
        }
    }

    /**
     * Admin changes. Taking the active admins' row locks first serialises every change that could
     * remove the last admin, so two admins demoting each other at once cannot both succeed.
     */
    @Transactional
    public UserView update(long id, String name, String role, Boolean active) {
        int activeAdmins = users.lockActiveAdmins().size();
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
        user.change(newName, newRole, newActive);
        if (!newActive) {
            sessions.revokeAll(id);
        }
        return user.view();
    }

    @Transactional(readOnly = true)
    public PageResponse<UserView> search(String q, String role, Boolean active, PageQuery page) {
        Page<UserAccount> found = users.findAll(UserSearch.of(q, role, active, page.orderBy()),
                PageRequest.of(page.page(), page.size()));
        return PageResponse.of(found.map(UserAccount::view).getContent(), page, found.getTotalElements());
    }

    @Transactional(readOnly = true)
    public Map<String, Object> stats(int days) {
        UserTotals totals = stats.totals();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("totalUsers", totals.users());
        result.put("activeUsers", totals.active());
        Map<String, Long> byRole = new LinkedHashMap<>();
        byRole.put("user", totals.users() - totals.admins());
        byRole.put("admin", totals.admins());
        result.put("byRole", byRole);
        List<Map<String, Object>> perDay = stats.signupsPerDay(days).stream()
                .map(day -> Map.<String, Object>of("date", day.getDate(), "count", day.getCount())).toList();
        result.put("signupsPerDay", perDay);
        return result;
    }
}
