namespace MlAtScale;

/// <summary>The names of the four built-in roles, as used in attributes and the policy file.</summary>
public static class RoleNames
{
    /// <summary>Data Engineering.</summary>
    public const string DataEngineering = "DataEngineering";

    /// <summary>Data Science.</summary>
    public const string DataScience = "DataScience";

    /// <summary>Production.</summary>
    public const string Production = "Production";

    /// <summary>Business Analysis.</summary>
    public const string BusinessAnalysis = "BusinessAnalysis";
}
