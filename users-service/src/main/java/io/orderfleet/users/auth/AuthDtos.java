package io.orderfleet.users.auth;

import io.orderfleet.users.account.EmailAddress;
import io.orderfleet.users.account.UserView;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

final class AuthDtos {

    private AuthDtos() {
    }

    record RegisterRequest(
            @NotBlank(message = "must not be blank") @Size(max = 100, message = "must be at most 100 characters") String name,
            @NotBlank(message = "must not be blank") @Size(max = 254, message = "must be at most 254 characters")
            @Pattern(regexp = EmailAddress.PATTERN, message = "must be an email address") String email,
            @NotBlank(message = "must not be blank") @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String password) {
    }

    record LoginRequest(@NotBlank(message = "must not be blank") @Size(max = 254) String email,
            @NotBlank(message = "must not be blank") @Size(max = 128) String password) {
    }

    record RefreshRequest(@NotBlank(message = "must not be blank") @Size(max = 200) String refreshToken) {
    }

    record TokenResponse(UserView user, String accessToken, String refreshToken, String tokenType, long expiresIn) {
    }
}
