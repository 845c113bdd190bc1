package dermaseg.selection;

import dermaseg.dataset.SplitRatios;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Leave-one-device-out folds: each fold holds out one whole device group and trains on every
 * other pair. The training part is split once more, by a hash of the id, into the pairs the
 * network learns from and an inner validation part that picks the epoch, tunes the fusion and
 * fits the uncertainty; the held-out group is only ever scored. No choice made for a fold sees
 * its held-out device, which is what makes its score a stand-in for another clinic's images.
 */
public final class DeviceFolds {
    /** Share of a fold's training part kept back for its inner validation, by default. */
    public static final double DEFAULT_INNER_VALIDATION_SHARE = 0.1;

    /** One fold: its held-out group and the three disjoint sets of pair ids. */
    public record Fold(String heldOutGroup, List<String> learn, List<String> innerValidation,
            List<String> heldOut) {
        /** The folder-safe name of the fold. */
        public String name() {
            return "holdout-" + heldOutGroup;
        }
    }

    private DeviceFolds() {
    }

    /**
     * One fold per held-out group, in the order given.
     *
     * @throws IllegalArgumentException for an unknown or repeated group, or a share outside (0, 1)
     */
    public static List<Fold> of(DeviceGroups groups, List<String> heldOutGroups, double innerValidationShare) {
        if (!(innerValidationShare > 0 && innerValidationShare < 1)) {
            throw new IllegalArgumentException("the inner validation share must lie in (0, 1), not "
                    + innerValidationShare);
        }
        Map<String, List<String>> members = groups.members();
        Set<String> seen = new TreeSet<>();
        List<Fold> folds = new ArrayList<>();
        for (String group : heldOutGroups) {
            if (!members.containsKey(group)) {
                throw new IllegalArgumentException("no device group '" + group + "'; the groups are "
                        + describe(members));
            }
            if (!seen.add(group)) {
                throw new IllegalArgumentException("device group '" + group + "' is held out twice");
            }
            List<String> learn = new ArrayList<>();
            List<String> inner = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : members.entrySet()) {
                if (e.getKey().equals(group)) {
                    continue;
                }
                for (String id : e.getValue()) {
                    (SplitRatios.unitHash(id) < innerValidationShare ? inner : learn).add(id);
                }
            }
            folds.add(new Fold(group, sorted(learn), sorted(inner), sorted(members.get(group))));
        }
        return folds;
    }

    /** {@code small-format (187), 4288x2848 (458), …}: for messages and progress. */
    public static String describe(Map<String, List<String>> members) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        members.forEach((g, ids) -> sizes.put(g, ids.size()));
        StringBuilder b = new StringBuilder();
        sizes.forEach((g, n) -> b.append(b.length() == 0 ? "" : ", ").append(g).append(" (").append(n).append(')'));
        return b.toString();
    }

    private static List<String> sorted(List<String> ids) {
        List<String> s = new ArrayList<>(ids);
        s.sort(null);
        return List.copyOf(s);
    }
}
