package dev.sukha.insights.api;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query of a figure, written once for a person's routes ({@code /v1/me/...}) and an operator's
 * ({@code /v1/users/{userId}/...}): each route takes the kind it reads ({@code @BeanParam}), and its
 * parameters are described here. Values stay text: {@code Figures} validates them (422/400 with the field).
 */
final class FigureQuery {

    private FigureQuery() {
    }

    /** Figures of "today" or "this week": the zone that decides them. */
    public static class Zoned {
        @QueryParam("zone")
        @Parameter(description = Params.ZONE)
        public String zone;
    }

    /** One ISO week. */
    public static class OneWeek extends Zoned {
        @QueryParam("week")
        @Parameter(description = Params.WEEK, example = "2026-W48", schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-W[0-9]{2}$"))
        public String week;
    }

    /** The last weeks, ending with this one. */
    public static class LastWeeks extends Zoned {
        @QueryParam("weeks")
        @Parameter(description = Params.WEEKS, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "52", defaultValue = "8"))
        public String weeks;
    }

    /** The pain trend: the last weeks, of one area or all. */
    public static class Trend extends LastWeeks {
        @QueryParam("area")
        @Parameter(description = Params.AREA)
        public String area;
    }
}
