/**
 * The history's model of builds as users see them: a build's status, steps, images and log
 * chunks, the decision filtering made about each delivery, and the pure rules around them (branch
 * or tag from a ref, the page cursor, a decision's id, log text that PostgreSQL can store). It
 * depends only on the shared event contracts; everything else in the service may depend on it.
 */
package dev.slipway.history.domain;
