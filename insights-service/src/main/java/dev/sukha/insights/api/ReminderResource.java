package dev.sukha.insights.api;

import dev.sukha.insights.domain.Reminder;
import dev.sukha.insights.usecase.Reminders;
import dev.sukha.platform.fairuse.Budget;
import dev.sukha.platform.fairuse.Budgeted;
import dev.sukha.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** The signed-in person's reminder: days, a local time, and the browser to push it to. */
@Path("/v1/me/reminder")
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "me", description = "The signed-in person's own figures, in their own calendar.")
public class ReminderResource {

    static final String EXAMPLE = "{\"days\": [\"MONDAY\", \"WEDNESDAY\", \"FRIDAY\"], \"time\": \"08:00\", \"zone\": \"Europe/Berlin\", "
            + "\"subscription\": {\"endpoint\": \"https://push.example.net/send/abc\", \"keys\": {\"p256dh\": \"BN…\", \"auth\": \"tB…\"}}}";

    private final Reminders reminders;
    private final JsonWebToken jwt;

    public ReminderResource(Reminders reminders, JsonWebToken jwt) {
        this.reminders = reminders;
        this.jwt = jwt;
    }

    @Schema(name = "PushSubscription", requiredProperties = {"endpoint", "keys"})
    public record NewSubscription(@Schema(description = "The push service's URL for this browser.") String endpoint,
                                  @Schema(description = "`p256dh` and `auth`, base64url, as `PushSubscription.toJSON()` gives them.")
                                  Map<String, String> keys) {
    }

    @Schema(name = "NewReminder", requiredProperties = {"days", "time", "zone", "subscription"})
    public record NewReminder(
            @Schema(description = "Days of the week, `MONDAY` to `SUNDAY`, at least one.") List<String> days,
            @Schema(description = "Local time, `HH:MM`.", example = "08:00") String time,
            @Schema(description = "The person's IANA time zone: the time is theirs.", example = "Europe/Berlin") String zone,
            NewSubscription subscription) {

        Reminder.Form form() {
            Map<String, String> keys = subscription == null || subscription.keys() == null ? Map.of() : subscription.keys();
            return new Reminder.Form(days, time, zone, subscription == null ? null : subscription.endpoint(),
                    keys.get("p256dh"), keys.get("auth"));
        }
    }

    @Schema(name = "Reminder")
    public record ReminderView(
            @Schema(required = true, description = "The application server key (VAPID), base64url: what the browser subscribes with.")
            String publicKey,
            @Schema(description = "The reminder kept; absent when none.") Reminders.ReminderAnswers reminder,
            @Schema(format = "date-time", description = "When it is next due (it is not pushed on a day practised or paused).")
            String next) {

        static ReminderView of(String publicKey, Reminders.Kept kept) {
            return kept == null ? new ReminderView(publicKey, null, null)
                    : new ReminderView(publicKey, Reminders.ReminderAnswers.of(kept.reminder()), kept.next() == null ? null : kept.next().toString());
        }
    }

    @GET
    @Budgeted(Budget.READS)
    @Operation(operationId = "getMyReminder", summary = "My reminder",
            description = "The reminder kept, if any, when it is next due, and the key a browser subscribes with.")
    @APIResponse(responseCode = "200", description = "The reminder (absent when none) and the key.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReminderView.class)))
    public ReminderView get() {
        return ReminderView.of(reminders.publicKey(), reminders.read(jwt.getSubject()).orElse(null));
    }

    @PUT
    @Budgeted(Budget.WRITES)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putMyReminder", summary = "Be reminded",
            description = "Keeps the reminder in place of the one before (one per person: the browser named is the one "
                    + "reminded). A Web Push notification is sent on each day named at the local time, unless the person "
                    + "practised that day before it or is paused; never twice a day.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewReminder.class), examples = @ExampleObject(name = "mornings", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Kept; the reminder and when it is next due.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReminderView.class)))
    @APIResponse(responseCode = "422", description = "A field missing or wrong (no day, a time not HH:MM, an unknown zone, a "
            + "subscription that is not a browser's); every error by field; nothing was kept.")
    public ReminderView put(NewReminder body) {
        if (body == null) {
            throw ProblemException.badRequest("Send a reminder, e.g. " + EXAMPLE);
        }
        return ReminderView.of(reminders.publicKey(), reminders.put(jwt.getSubject(), body.form()));
    }

    @DELETE
    @Budgeted(Budget.WRITES)
    @Operation(operationId = "deleteMyReminder", summary = "No more reminders",
            description = "Forgets the reminder and its subscription. The same answer whether there was one or not.")
    @APIResponse(responseCode = "204", description = "No reminder kept.")
    public void delete() {
        reminders.remove(jwt.getSubject());
    }
}
