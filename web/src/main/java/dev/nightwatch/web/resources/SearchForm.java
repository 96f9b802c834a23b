package dev.nightwatch.web.resources;

import jakarta.ws.rs.QueryParam;

/** The query parameters of a search, as the page and the API both take them. */
public final class SearchForm {
  @QueryParam("q")
  String q;

  @QueryParam("like")
  String like;

  @QueryParam("kind")
  String kind;

  @QueryParam("builder")
  String builder;

  @QueryParam("test")
  String test;

  @QueryParam("branch")
  String branch;

  @QueryParam("worker")
  String worker;

  @QueryParam("from")
  String from;

  @QueryParam("to")
  String to;

  @QueryParam("page")
  String page;

  @QueryParam("perPage")
  String perPage;

  /** The search these parameters describe; 400 for a bad number or date. */
  SearchParams params() {
    return SearchParams.read(q, like, kind, builder, test, branch, worker, from, to, page, perPage);
  }
}
